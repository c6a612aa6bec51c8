// `npm run -s chaos -- [--json] [--runs N] [--seed K] [--only NAME,…] [--keep]`: runs every
// reliability and security campaign (issue 7) and prints one summary line
// `{campaigns: [{name, runs, passed, failed, licencesDoubleConsumed, devicesLost, crashes, …}], passed}`
// on stdout (a readable table before it without --json; progress on stderr).
// Exit 0 when every campaign passed, 1 when one failed, 2 on a usage error.

import { parseArgs } from 'node:util';
import { CAMPAIGNS } from './campaigns/index.ts';
import { createWorkspace } from './shared.ts';
import type { CampaignResult } from './types.ts';

export const DEFAULT_RUNS = 200;
export const DEFAULT_SEED = 7;

const USAGE = `usage: npm run -s chaos -- [--json] [--runs N] [--seed K] [--only NAME[,NAME…]] [--keep]
  --runs N   size of the campaigns (default ${DEFAULT_RUNS}: ${DEFAULT_RUNS} SIGKILL runs of the agent; others scale from it)
  --seed K   every random choice derives from it (default ${DEFAULT_SEED})
  --only     run only these campaigns: ${CAMPAIGNS.map((c) => c.name).join(', ')}
  --json     only the summary line on stdout
  --keep     keep the scratch directory (device trees, state dirs, databases)`;

class UsageError extends Error {}

function parse(argv: string[]) {
  let values: ReturnType<
    typeof parseArgs<{ options: typeof OPTIONS; strict: true; allowPositionals: false }>
  >['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const integer = (flag: string, value: string | undefined, fallback: number, min: number) => {
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min)
      throw new UsageError(`${flag} ${value}: expected a whole number ≥ ${min}`);
    return Number(value);
  };
  const names =
    values.only
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '') ?? null;
  for (const name of names ?? [])
    if (!CAMPAIGNS.some((c) => c.name === name)) throw new UsageError(`--only ${name}: no such campaign`);
  return {
    json: values.json === true,
    help: values.help === true,
    keep: values.keep === true,
    runs: integer('--runs', values.runs, DEFAULT_RUNS, 1),
    seed: integer('--seed', values.seed, DEFAULT_SEED, 0),
    only: names,
  };
}

const OPTIONS = {
  json: { type: 'boolean' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  only: { type: 'string' },
  keep: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function table(results: CampaignResult[]): string {
  const head = ['campaign', 'runs', 'passed', 'failed', 'double', 'lost', 'crashes', 'seconds'];
  const rows = results.map((r) => [
    r.name,
    String(r.runs),
    String(r.passed),
    String(r.failed),
    String(r.licencesDoubleConsumed),
    String(r.devicesLost),
    String(r.crashes),
    (r.durationMs / 1000).toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const out = [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  for (const r of results) {
    const figures = Object.entries(r.figures)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    if (figures) out.push(`  ${r.name}: ${figures}`);
    for (const f of r.failures) out.push(`  ${r.name} FAILED ${f}`);
  }
  return `${out.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`chaos: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const workspace = await createWorkspace();
  const started = Date.now();
  const results: CampaignResult[] = [];
  // Anything that escapes a campaign (an unhandled rejection in the agent, say) is a crash of it.
  let current: { name: string; escaped: string[] } | null = null;
  const escaped = (error: unknown) => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`chaos: uncaught in ${current?.name ?? 'the runner'}: ${text}`);
    current?.escaped.push(text.slice(0, 400));
  };
  process.on('unhandledRejection', escaped);
  process.on('uncaughtException', escaped);
  try {
    log(`chaos: seed ${options.seed}, runs ${options.runs}, scratch ${workspace.dir}`);
    for (const campaign of CAMPAIGNS) {
      if (options.only && !options.only.includes(campaign.name)) continue;
      log(`chaos: ${campaign.name}: ${campaign.description}`);
      current = { name: campaign.name, escaped: [] };
      const result = await campaign.run({
        runs: options.runs,
        seed: options.seed,
        workDir: workspace.dir,
        shared: workspace.shared,
        log,
      });
      if (current.escaped.length > 0) {
        result.crashes += current.escaped.length;
        result.failed += 1;
        result.failures.push(...current.escaped.map((e) => `uncaught: ${e}`));
      }
      current = null;
      results.push(result);
      log(
        `chaos: ${result.name}: ${result.passed}/${result.runs} passed in ${(result.durationMs / 1000).toFixed(1)} s ${JSON.stringify(result.figures)}`,
      );
    }
  } finally {
    if (!options.keep) await workspace.dispose();
  }
  const passed = results.every(
    (r) => r.failed === 0 && r.licencesDoubleConsumed === 0 && r.devicesLost === 0 && r.crashes === 0,
  );
  if (!options.json) process.stdout.write(table(results));
  const summary = {
    campaigns: results,
    passed,
    seed: options.seed,
    runs: options.runs,
    durationMs: Date.now() - started,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return passed ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Campaign leftovers (a relay's keep-alive, an agent timer) must not keep the runner alive.
    setTimeout(() => process.exit(code), 1_000).unref();
  },
  (error: unknown) => {
    process.stderr.write(
      `chaos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
