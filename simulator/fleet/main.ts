// `npm run -s fleet -- …`: the simulator fleet for QA (issue 6). See simulator/README.md.
// Exit codes: 0 every device met its expectation (replay: the failure was reproduced), 1 not, 2 usage.

// The agent, the stub and the reports are loaded only once the arguments are known to be right.

import { rmSync } from 'node:fs';
import { describeExpected, SCENARIO_NAMES } from '../scenarios/types.ts';
import { type FleetArgs, parseFleetArgs, USAGE, UsageError } from './args.ts';
import type { ReportFile } from './report/json.ts';
import type { FleetSummary } from './summary.ts';

function removeAndExit(dir: string): never {
  rmSync(dir, { recursive: true, force: true });
  process.stderr.write('\nfleet: interrupted\n');
  process.exit(130);
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

function printHuman(summary: FleetSummary, reportDir: string | null): void {
  out(
    `${summary.failed === 0 ? 'PASS' : 'FAIL'}: ${summary.passed}/${summary.devices} devices met their expectation in ${(summary.durationMs / 1000).toFixed(1)} s (${summary.devicesPerSecond} devices/s)`,
  );
  out(
    `outcomes: ${summary.byOutcome.managed} managed, ${summary.byOutcome.manual} manual, ${summary.byOutcome.error} error`,
  );
  for (const [scenario, c] of Object.entries(summary.byScenario)) {
    out(
      `  ${scenario.padEnd(22)} ${String(c.devices).padStart(6)} devices  ${c.failed === 0 ? 'ok' : `${c.failed} FAILED`}`,
    );
  }
  for (const f of summary.failures.slice(0, 20)) {
    out(
      `\n${f.device} ${f.model}: expected ${describeExpected(f.expected)}, got ${f.actual ? `${f.actual.outcome}/${f.actual.reason ?? '-'}` : 'no outcome'}\n${f.log}`,
    );
  }
  if (summary.failures.length > 20) out(`… and ${summary.failed - 20} more failures (see the report)`);
  if (reportDir !== null) out(`reports: ${reportDir}/report.html, junit.xml, report.json`);
}

function emit(report: ReportFile, json: boolean, reportDir: string | null): void {
  if (json) out(JSON.stringify(report.summary));
  else printHuman(report.summary, reportDir);
}

async function main(args: FleetArgs): Promise<number> {
  switch (args.command) {
    case 'help':
      out(USAGE);
      return 0;
    case 'scenarios': {
      const { SCENARIO_DESCRIPTIONS } = await import('../scenarios/index.ts');
      for (const name of SCENARIO_NAMES) out(`${name.padEnd(22)} ${SCENARIO_DESCRIPTIONS[name]}`);
      return 0;
    }
    case 'stub-seed': {
      const { planFleet } = await import('../scenarios/index.ts');
      const { fleetStubSeed } = await import('../scenarios/stub-seed.ts');
      out(JSON.stringify(fleetStubSeed(planFleet(args)), null, 2));
      return 0;
    }
    case 'merge': {
      const { mergeReports } = await import('./merge.ts');
      const { writeReports } = await import('./report/index.ts');
      const merged = await mergeReports(args.dirs);
      if (args.report !== null) await writeReports(args.report, merged);
      if (merged.meta.missingShards && merged.meta.missingShards.length > 0) {
        err(
          `fleet merge: shard(s) ${merged.meta.missingShards.join(', ')} of ${merged.meta.mergedFrom?.[0]?.shard?.count ?? '?'} missing: the fleet is incomplete`,
        );
      }
      emit(merged, args.json, args.report);
      return merged.summary.failed === 0 && (merged.meta.missingShards?.length ?? 0) === 0 ? 0 : 1;
    }
    case 'replay': {
      const { replayBundle } = await import('./replay.ts');
      const result = await replayBundle(args.bundle, { server: args.server });
      const device = result.run.devices[0];
      const actual = device?.result.actual ?? null;
      if (args.json) {
        out(
          JSON.stringify({
            bundle: result.bundle,
            reproduced: result.reproduced,
            expected: result.expected,
            actual,
            notes: result.notes,
            log: device?.result.log ?? [],
          }),
        );
      } else {
        out(
          `${result.reproduced ? 'REPRODUCED' : 'NOT REPRODUCED'}: the field device ended ${result.expected ? describeExpected(result.expected) : 'mid-way (no settled screen in the bundle)'}; the replayed device ended ${actual ? `${actual.outcome}/${actual.reason ?? '-'}` : 'with no outcome'}`,
        );
        for (const note of result.notes) out(`note: ${note}`);
        for (const line of device?.result.log ?? []) out(line);
      }
      return result.reproduced ? 0 : 1;
    }
    case 'run': {
      const { runFleet } = await import('./run.ts');
      const { createProgress } = await import('./progress.ts');
      const { toReportFile, writeReports } = await import('./report/index.ts');
      const total = args.shard
        ? Math.ceil((args.devices - (args.shard.index - 1)) / args.shard.count)
        : args.devices;
      const progress = createProgress(Math.max(0, total));
      let run: Awaited<ReturnType<typeof runFleet>>;
      try {
        run = await runFleet({
          scenario: args.scenario,
          devices: args.devices,
          seed: args.seed,
          concurrency: args.concurrency,
          shard: args.shard,
          server: args.server,
          keep: args.keep,
          tls: args.tls,
          cpuProfileDir: args.cpuProfileDir,
          ...(args.workers !== null ? { workers: args.workers } : {}),
          onResult: (result, done) => progress.update(result, done),
          onWorkDir: (dir) => {
            // Interrupted (Ctrl-C, CI cancel): no device roots or stub database left behind.
            if (!args.keep) process.once('SIGINT', () => removeAndExit(dir));
            if (!args.keep) process.once('SIGTERM', () => removeAndExit(dir));
          },
          log: (line) => progress.log(line),
        });
      } finally {
        progress.stop();
      }
      const report = toReportFile(run);
      if (args.report !== null) await writeReports(args.report, report);
      emit(report, args.json, args.report);
      return run.summary.failed === 0 ? 0 : 1;
    }
  }
}

let parsed: FleetArgs;
try {
  parsed = parseFleetArgs(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    err(`fleet: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  throw error;
}
main(parsed).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const name = (error as { name?: unknown }).name;
    if (name === 'ReplayError' || name === 'MergeError') {
      err(`fleet: ${(error as Error).message}`);
      process.exitCode = 2;
      return;
    }
    err(`fleet: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
