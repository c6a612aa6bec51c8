// Command line of `npm run -s fleet -- …`. Usage errors name the flag at fault and exit 2.

import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { ShardSpec } from '../scenarios/index.ts';
import { isScenarioName, SCENARIO_NAMES, type ScenarioName } from '../scenarios/types.ts';
import { ALL_MODELS_DEVICES, DEFAULT_CONCURRENCY, DEFAULT_DEVICES, defaultDevices } from './defaults.ts';

export const USAGE = `usage:
  npm run -s fleet -- [run] [--devices N] [--scenario S] [--seed K] [--concurrency C] [--report DIR]
                      [--json] [--shard i/n] [--server URL] [--workers W] [--keep] [--tls]
                      [--cpu-prof DIR]
  npm run -s fleet -- merge [--report OUT] [--json] DIR...
  npm run -s fleet -- replay BUNDLE [--server URL] [--json]
  npm run -s fleet -- stub-seed [--devices N] [--scenario S] [--seed K]
  npm run -s fleet -- scenarios

  --devices N      fleet size (default ${DEFAULT_DEVICES}; all-models: ${ALL_MODELS_DEVICES}, every model once)
  --scenario S     ${SCENARIO_NAMES.join(', ')} (default mixed)
  --seed K         same seed, same devices, same expectations (default 1)
  --concurrency C  agents booting at once (default ${DEFAULT_CONCURRENCY})
  --report DIR     write report.json, junit.xml and report.html there
  --json           print exactly one summary line on stdout
  --shard i/n      only devices whose index % n == i-1 (1 <= i <= n); merge the shards' reports after
  --server URL     use a running stub (started with --test-hooks and --seed of \`fleet stub-seed\`)
  --workers W      worker threads (default: one per core, at most 4)
  --keep           keep the device roots and the stub database (printed on stderr)
  --tls            the in-process stub also serves HTTPS and every device uses it, trusting the fleet's CA
                   (devices behind the fault proxy excepted); \`mixed\` always has some TLS devices
  --cpu-prof DIR   write a V8 CPU profile of every thread (the workers' agents, the main thread's stub)
                   into DIR; \`npm run -s bench -- --profile\` summarises them
exit: 0 every device met its expectation, 1 some did not, 2 usage error`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface RunArgs {
  command: 'run';
  devices: number;
  scenario: ScenarioName;
  seed: number;
  concurrency: number;
  report: string | null;
  json: boolean;
  shard: ShardSpec | null;
  server: string | null;
  workers: number | null;
  keep: boolean;
  /** Every device over HTTPS (in-process stub only). */
  tls: boolean;
  /** `--cpu-prof DIR`: a CPU profile of every thread of the run, written there. */
  cpuProfileDir: string | null;
}

export interface MergeArgs {
  command: 'merge';
  dirs: string[];
  report: string | null;
  json: boolean;
}

export interface ReplayArgs {
  command: 'replay';
  bundle: string;
  server: string | null;
  json: boolean;
}

export interface StubSeedArgs {
  command: 'stub-seed';
  devices: number;
  scenario: ScenarioName;
  seed: number;
}

export type FleetArgs =
  | RunArgs
  | MergeArgs
  | ReplayArgs
  | StubSeedArgs
  | { command: 'help' }
  | { command: 'scenarios' };

function integer(
  flag: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} ${value}: not a whole number`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`${flag} ${value}: must be from ${min} to ${max}`);
  return n;
}

function scenario(value: string | undefined): ScenarioName {
  if (value === undefined) return 'mixed';
  if (!isScenarioName(value))
    throw new UsageError(`--scenario ${value}: unknown scenario (one of ${SCENARIO_NAMES.join(', ')})`);
  return value;
}

export function parseShard(value: string | undefined): ShardSpec | null {
  if (value === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (m === null) throw new UsageError(`--shard ${value}: must be i/n, e.g. 2/4`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new UsageError(`--shard ${value}: need 1 <= i <= n`);
  return { index, count };
}

function serverUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--server ${value}: not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--server ${value}: must be http or https`);
  return value.replace(/\/+$/, '');
}

const RUN_OPTIONS = {
  devices: { type: 'string' },
  scenario: { type: 'string' },
  seed: { type: 'string' },
  concurrency: { type: 'string' },
  report: { type: 'string' },
  json: { type: 'boolean' },
  shard: { type: 'string' },
  server: { type: 'string' },
  workers: { type: 'string' },
  keep: { type: 'boolean' },
  tls: { type: 'boolean' },
  'cpu-prof': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    // node:util names the flag: "Unknown option '--devcies'", "Option '--seed <value>' argument missing".
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function parseFleetArgs(argv: string[]): FleetArgs {
  const [first, ...rest] = argv;
  switch (first) {
    case 'merge': {
      const { values, positionals } = parse({
        args: rest,
        options: { report: { type: 'string' }, json: { type: 'boolean' } },
        strict: true,
        allowPositionals: true,
      } as const);
      if (positionals.length === 0) throw new UsageError('merge: give at least one report directory');
      return {
        command: 'merge',
        dirs: positionals,
        report: values.report ?? null,
        json: values.json === true,
      };
    }
    case 'replay': {
      const { values, positionals } = parse({
        args: rest,
        options: { server: { type: 'string' }, json: { type: 'boolean' } },
        strict: true,
        allowPositionals: true,
      } as const);
      const [bundle, ...extra] = positionals;
      if (bundle === undefined)
        throw new UsageError('replay: give the diagnostics bundle (diagnostics-….json)');
      if (extra.length > 0)
        throw new UsageError(`replay: one bundle at a time (unexpected ${extra.join(' ')})`);
      return { command: 'replay', bundle, server: serverUrl(values.server), json: values.json === true };
    }
    case 'stub-seed': {
      const { values } = parse({
        args: rest,
        options: { devices: { type: 'string' }, scenario: { type: 'string' }, seed: { type: 'string' } },
        strict: true,
        allowPositionals: false,
      } as const);
      const name = scenario(values.scenario);
      return {
        command: 'stub-seed',
        devices: integer('--devices', values.devices, defaultDevices(name), 1, 1_000_000),
        scenario: name,
        seed: integer('--seed', values.seed, 1, 0, 0xffffffff),
      };
    }
    case 'scenarios':
      return { command: 'scenarios' };
    case 'help':
    case '--help':
    case '-h':
      return { command: 'help' };
    default: {
      const args = first === 'run' ? rest : argv;
      const { values, positionals } = parse({
        args,
        options: RUN_OPTIONS,
        strict: true,
        allowPositionals: true,
      } as const);
      if (values.help === true) return { command: 'help' };
      if (positionals.length > 0)
        throw new UsageError(
          `unexpected argument ${positionals[0]} (commands: run, merge, replay, stub-seed, scenarios)`,
        );
      const name = scenario(values.scenario);
      if (values.tls === true && values.server !== undefined)
        throw new UsageError(
          '--tls applies to the in-process stub; a server given with --server is used as its URL says',
        );
      return {
        command: 'run',
        devices: integer('--devices', values.devices, defaultDevices(name), 1, 1_000_000),
        scenario: name,
        seed: integer('--seed', values.seed, 1, 0, 0xffffffff),
        concurrency: integer('--concurrency', values.concurrency, DEFAULT_CONCURRENCY, 1, 10_000),
        report: values.report ?? null,
        json: values.json === true,
        shard: parseShard(values.shard),
        server: serverUrl(values.server),
        workers: values.workers === undefined ? null : integer('--workers', values.workers, 1, 1, 64),
        keep: values.keep === true,
        tls: values.tls === true,
        cpuProfileDir: values['cpu-prof'] ?? null,
      };
    }
  }
}
