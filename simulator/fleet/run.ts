// The fleet runner: plans the fleet, starts the stub in-process (unless `server` is given), sets the
// scenarios up through the stub's API, boots every device (in-process agents on worker_threads; child
// processes for power-loss), checks the server agrees, and returns one report per device.

import { access, constants, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStub, type Stub } from '../../server-stub/app.ts';
import type { ManufacturerCa } from '../../server-stub/attestation/ca.ts';
import { caKeyFor } from '../../server-stub/attestation/ca-store.ts';
import { createTlsCa, issueServerCertificate } from '../../server-stub/tls/mint.ts';
import { inShard, planFleet, type ShardSpec } from '../scenarios/index.ts';
import { type SetupReport, setupFleet } from '../scenarios/setup.ts';
import { fleetStubSeed } from '../scenarios/stub-seed.ts';
import type { DevicePlan, ScenarioName } from '../scenarios/types.ts';
import { bootWithPowerLoss, buildAgentBundle } from './child-boot.ts';

export { DEFAULT_CONCURRENCY } from './defaults.ts';

import { startMainThreadProfile, workerProfileArgv } from './cpu-profile.ts';
import { WorkerPool } from './pool.ts';
import { type FaultProxy, startFaultProxy } from './proxy.ts';
import { bucketize, type RequestRate } from './request-rate.ts';
import { checkServer } from './server-check.ts';
import { armFlakyNetwork, bootHerdThroughOutage } from './stub-faults.ts';
import { type FleetSummary, percentile, summarize } from './summary.ts';
import type { BootEnv, DeviceReport, DeviceResult } from './types.ts';

export interface FleetOptions {
  scenario: ScenarioName;
  devices: number;
  seed: number;
  /** Agents booting at once (in-process). */
  concurrency: number;
  shard?: ShardSpec | null;
  /** An enrollment server already running (with test hooks, seeded with `fleet stub-seed`). */
  server?: string | null;
  /** worker_threads (default: one per core, at most 4). */
  workers?: number;
  /** Child-process power-loss devices booting at once (default 2). */
  childConcurrency?: number;
  /** Where device roots and the stub database go (default a temp dir, in /dev/shm when there is one). */
  workDir?: string;
  keep?: boolean;
  /** Every device over HTTPS (issue 17; in-process stub only). `mixed` has some TLS devices anyway. */
  tls?: boolean;
  /** Writes a CPU profile of every thread of the run there (`fleet --cpu-prof DIR`, `bench --profile`). */
  cpuProfileDir?: string | null;
  /** Replaces the planned fleet (tests: a device with a deliberately wrong expectation). */
  plans?: DevicePlan[];
  onResult?: (result: DeviceResult, done: number, total: number) => void;
  /** Told the work directory as soon as it exists (the CLI removes it if interrupted). */
  onWorkDir?: (dir: string) => void;
  log?: (line: string) => void;
}

export interface FleetMeta {
  scenario: ScenarioName;
  seed: number;
  /** Size of the whole fleet (all shards). */
  fleetDevices: number;
  shard: ShardSpec | null;
  server: string;
  concurrency: number;
  workers: number;
  startedAt: string;
  phasesMs: Record<string, number>;
  machine: { node: string; platform: string; cpus: number; cpuModel: string };
  proxyFaultsPlayed: Record<string, number> | null;
  /** Figures for benchmarks (issue 8): requests per in-process device (agent-side count), server-side total. */
  figures: {
    requestsPerDevice: number;
    serverRequests: number | null;
    decisionMsP50: number;
    decisionMsP95: number;
  };
  /** A merged report: the shards it was made of. */
  mergedFrom?: Array<{ shard: ShardSpec | null; startedAt: string; durationMs: number; devices: number }>;
  /** A merged report: shards of `shard.count` that were not given. */
  missingShards?: number[];
}

export interface FleetRun {
  meta: FleetMeta;
  summary: FleetSummary;
  setup: SetupReport;
  requestRate: RequestRate;
  devices: DeviceReport[];
}

/**
 * Where device roots go: an explicit TMPDIR is honoured (CI points it at a directory it checks for
 * leftovers); otherwise /dev/shm when writable, since thousands of small trees are cheaper in memory.
 */
async function defaultWorkBase(): Promise<string> {
  if (process.env.TMPDIR !== undefined && process.env.TMPDIR !== '') return tmpdir();
  try {
    await access('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/** Runs `fn` over `items` with at most `limit` at once. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(lanes);
  return out;
}

export async function runFleet(options: FleetOptions): Promise<FleetRun> {
  const log = options.log ?? (() => undefined);
  const fleetStart = Date.now();
  const t0 = performance.now();
  const phasesMs: Record<string, number> = {};
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      phasesMs[name] = Math.round(performance.now() - started);
    }
  };
  const shard = options.shard ?? null;
  const allPlans =
    options.plans ?? planFleet({ scenario: options.scenario, seed: options.seed, devices: options.devices });
  const plans = allPlans.filter((p) => inShard(p.index, shard));
  const workDir = options.workDir ?? (await mkdtemp(join(await defaultWorkBase(), 'zte-fleet-')));
  await mkdir(join(workDir, 'devices'), { recursive: true });
  options.onWorkDir?.(workDir);

  // Assigned inside closures: held in one object so that the `finally` sees them.
  const live: { stub: Stub | null; proxy: FaultProxy | null; pool: WorkerPool | null } = {
    stub: null,
    proxy: null,
    pool: null,
  };
  const hitTimes: number[] = [];
  const hitStatuses: number[] = [];
  const profileDir = options.cpuProfileDir ?? null;
  const mainProfile = profileDir === null ? null : await startMainThreadProfile(profileDir);
  try {
    let serverUrl: string;
    if (options.server) {
      serverUrl = options.server.replace(/\/+$/, '');
    } else {
      serverUrl = await phase('stub', async () => {
        const s = createStub({
          db: join(workDir, 'stub.db'),
          seed: fleetStubSeed(allPlans),
          testHooks: true,
        });
        live.stub = s;
        s.app.addHook('onResponse', async (_request, reply) => {
          hitTimes.push(Date.now() - fleetStart);
          hitStatuses.push(reply.statusCode);
        });
        return s.listen(0);
      });
    }
    log(
      `fleet: ${plans.length} device(s) of ${options.scenario} (seed ${options.seed}${shard ? `, shard ${shard.index}/${shard.count}` : ''}) against ${options.server ? serverUrl : `an in-process stub at ${serverUrl}`}`,
    );
    // The device bundle of power-loss devices builds while the scenarios are set up.
    const childPlans = plans.filter((p) => p.power !== null);
    const building =
      childPlans.length > 0
        ? phase('bundle', () => buildAgentBundle(join(workDir, 'bundle')))
        : Promise.resolve(null);
    building.catch(() => undefined);
    const setup = await phase('setup', () => setupFleet(serverUrl, plans));
    if (setup.refused.length > 0) log(`fleet: the partner API refused ${setup.refused.length} upload(s)`);
    for (const problem of setup.problems) log(`fleet: setup: ${problem}`);

    // Keys are minted in the workers with the in-process stub's own manufacturer CAs (no HTTP, no
    // main-thread CPU); against another server they come from its factory test hook.
    let cas: Record<string, ManufacturerCa> | null = null;
    const inProcessStub = live.stub;
    if (inProcessStub !== null) {
      const makers = [
        ...new Set(plans.filter((p) => p.hardware.kind === 'chrome').map((p) => p.manufacturer)),
      ];
      cas = Object.fromEntries(
        await Promise.all(makers.map(async (m) => [caKeyFor(m), await inProcessStub.cas.ensure(m)] as const)),
      );
    }
    // HTTPS beside HTTP on the same in-process stub: every device with --tls, some in `mixed`.
    let tls: BootEnv['tls'] = null;
    if (inProcessStub !== null && (options.tls === true || options.scenario === 'mixed')) {
      tls = await phase('tls', async () => {
        const ca = await createTlsCa('zte fleet CA');
        const certificate = await issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'] });
        const url = await inProcessStub.listenTls({ cert: certificate.chainPem, key: certificate.keyPem });
        const caFile = join(workDir, 'fleet-ca.pem');
        await writeFile(caFile, ca.certPem);
        return { url, caPem: ca.certPem, caFile, all: options.tls === true };
      });
      log(`fleet: HTTPS at ${tls.url} for ${tls.all ? 'every device' : 'some devices'}`);
    }
    if (plans.some((p) => p.network.proxyFaults.length > 0))
      live.proxy = await startFaultProxy(serverUrl, plans);
    const proxy = live.proxy;
    const bundle = await building;

    const env: BootEnv = {
      serverUrl,
      proxyUrl: proxy?.url ?? null,
      workDir,
      cas,
      keepRoots: options.keep ?? false,
      fleetStart,
      tls,
    };
    const inProcess = plans.filter((p) => p.power === null);
    const workers = Math.max(
      1,
      Math.min(options.workers ?? Math.min(4, availableParallelism()), inProcess.length || 1),
    );
    const results = new Map<number, DeviceResult>();
    let done = 0;
    const finished = (r: DeviceResult) => {
      results.set(r.index, r);
      done += 1;
      options.onResult?.(r, done, plans.length);
    };
    const crashed = (plan: DevicePlan, error: unknown): DeviceResult => ({
      index: plan.index,
      id: plan.id,
      actual: null,
      passed: false,
      identity: null,
      timeline: [],
      timings: { startedAt: Date.now() - fleetStart, prepareMs: 0, decisionMs: 0, totalMs: 0 },
      requests: [],
      boots: [],
      log: [`${plan.id}: ${String(error)}`],
      error: String(error),
    });

    await phase('boot', async () => {
      const p =
        inProcess.length > 0
          ? new WorkerPool(workers, env, profileDir === null ? [] : workerProfileArgv(profileDir))
          : null;
      live.pool = p;
      const bootOne = async (plan: DevicePlan) => {
        const r = await (p as WorkerPool).boot(plan).catch((e: unknown) => crashed(plan, e));
        finished(r);
      };

      // The herd boots into a server outage (stub-faults.ts); the rest of the fleet after it.
      const herd = inProcess.filter((plan) => plan.network.outage);
      const rest = inProcess.filter((plan) => !plan.network.outage);
      let herdDone: Promise<unknown> = Promise.resolve();
      if (herd.length > 0 && p !== null) {
        const outage = await bootHerdThroughOutage({ serverUrl, herd, pool: p, bootOne, log });
        herdDone = outage.herdDone;
        phasesMs.outage = outage.outageMs;
      }

      // Flaky network (stub-faults.ts): fleet-wide 5xx and 429s on top of each flaky device's proxy faults.
      const flaky = plans.filter((plan) => plan.network.proxyFaults.length > 0).length;
      if (flaky > 0) await armFlakyNetwork(serverUrl, flaky);
      const children =
        bundle === null
          ? Promise.resolve()
          : mapLimit(childPlans, options.childConcurrency ?? 2, async (plan) =>
              finished(await bootWithPowerLoss(plan, env, bundle).catch((e: unknown) => crashed(plan, e))),
            );
      await Promise.all([herdDone, mapLimit(rest, options.concurrency, bootOne), children]);
    });

    const refused = new Map(setup.refused.map((r) => [r.device, r]));
    const devices: DeviceReport[] = plans.map((plan) => {
      const result = results.get(plan.index) ?? crashed(plan, 'no result');
      const r = refused.get(plan.id);
      if (r !== undefined)
        result.log.push(`  setup: the partner API refused its upload: ${r.code} ${r.message}`);
      return { plan, expected: plan.expected, result };
    });
    await phase('server-check', () =>
      checkServer(serverUrl, devices).catch((error: unknown) =>
        log(`fleet: server check skipped: ${String(error)}`),
      ),
    );
    const durationMs = performance.now() - t0;
    const requestRate =
      live.stub !== null
        ? bucketize(hitTimes, hitStatuses, durationMs, 'stub')
        : bucketize(
            devices.flatMap((d) => d.result.requests.map((r) => r.at)),
            devices.flatMap((d) =>
              d.result.requests.map((r) => (typeof r.status === 'number' ? r.status : 599)),
            ),
            durationMs,
            'agents',
          );
    const cpu = cpus()[0];
    const counted = devices.filter((d) => d.plan.power === null);
    const decisions = devices.map((d) => d.result.timings.decisionMs);
    return {
      meta: {
        scenario: options.scenario,
        seed: options.seed,
        fleetDevices: options.plans?.length ?? options.devices,
        shard,
        server: options.server ? serverUrl : 'in-process',
        concurrency: options.concurrency,
        workers,
        startedAt: new Date(fleetStart).toISOString(),
        phasesMs,
        machine: {
          node: process.version,
          platform: `${process.platform}-${process.arch}`,
          cpus: availableParallelism(),
          cpuModel: cpu?.model ?? 'unknown',
        },
        proxyFaultsPlayed: proxy === null ? null : proxy.played(),
        figures: {
          requestsPerDevice:
            counted.length === 0
              ? 0
              : Math.round(
                  (counted.reduce((n, d) => n + d.result.requests.length, 0) / counted.length) * 100,
                ) / 100,
          serverRequests: live.stub === null ? null : hitTimes.length,
          decisionMsP50: Math.round(percentile(decisions, 50)),
          decisionMsP95: Math.round(percentile(decisions, 95)),
        },
      },
      summary: summarize(devices, durationMs),
      setup,
      requestRate,
      devices,
    };
  } finally {
    await live.pool?.close();
    await live.proxy?.close();
    await live.stub?.close();
    if (mainProfile !== null) {
      await mainProfile.stop();
      log(`fleet: CPU profiles of every thread in ${profileDir}`);
    }
    if (options.keep) log(`fleet: kept the device roots and the stub database in ${workDir}`);
    else if (options.workDir === undefined) await rm(workDir, { recursive: true, force: true });
  }
}
