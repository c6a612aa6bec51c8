// Server-side: a hostile server of our own in place of the stub (connection resets, answers that
// never end, silence, 10 MB bodies, protobuf groups nested 100 000 deep or answer fields of the wrong
// wire type, a captive portal, bytes that are not HTTP) — for the first requests only (then the real stub answers: the device must
// end managed), for a registration that did land (then the answer is lost: still one licence), or for
// ever (the error screen with `safeguard-timeout` once the 90 s safeguard fires). The agent must never
// crash and must keep its memory bounded: the built agent runs as a child and its peak RSS (VmHWM)
// must stay under 300 MB. With `fast`, the cases that wait on real 20–90 s timers run in process
// with the machine's delays and the HTTP time-outs compressed instead.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { INITIAL_FLOW_STATE } from '../../../agent/machine/tags.ts';
import { StateStore } from '../../../agent/persistence/index.ts';
import type { Outcome } from '../../../agent/runtime/outcome.ts';
import { settleWithin, startInProcessAgent } from '../lib/agent-inprocess.ts';
import { agentRunArgs, runAgentProcess } from '../lib/agent-process.ts';
import {
  type ChaosDevice,
  checkEnrolled,
  checkNotEnrolled,
  deviceViews,
  finishWithLedger,
  makeChromeDevice,
} from '../lib/devices.ts';
import { HOSTILITIES, HostileServer, type Hostility, SLOW_HOSTILITIES } from '../lib/hostile-server.ts';
import { createRng } from '../lib/rng.ts';
import { ScaledClock } from '../lib/scaled-clock.ts';
import { DEMO_CUSTOMER, startInProcessStub } from '../lib/stub.ts';
import { pool, Tally } from '../lib/tally.ts';
import type { Campaign, CampaignOptions, CampaignResult } from '../types.ts';

const NAME = 'hostile-server';
/** Peak resident memory allowed to the agent under hostile answers. */
export const RSS_LIMIT_MB = 300;

type Mode = 'transient' | 'landed' | 'persistent';
interface HostileCase {
  hostility: Hostility;
  mode: Mode;
}

/** The cases, most telling first (a small run takes a prefix). */
export function hostileCases(): HostileCase[] {
  const first: HostileCase[] = [
    { hostility: 'reset', mode: 'transient' },
    { hostility: 'huge-chunked', mode: 'transient' },
    { hostility: 'endless-body', mode: 'transient' },
    { hostility: 'deep-nesting', mode: 'transient' },
    { hostility: 'wrong-types', mode: 'landed' },
    { hostility: 'slow-loris', mode: 'transient' },
    { hostility: 'huge-body', mode: 'persistent' },
    { hostility: 'not-http', mode: 'transient' },
    { hostility: 'reset', mode: 'landed' },
  ];
  const rest: HostileCase[] = [];
  for (const hostility of HOSTILITIES) {
    for (const mode of ['transient', 'persistent'] as const) rest.push({ hostility, mode });
  }
  for (const hostility of [
    'not-http',
    'huge-chunked',
    'captive-portal',
    'stall',
    'deep-nesting',
    'empty-200',
  ] as const)
    rest.push({ hostility, mode: 'landed' });
  const key = (c: HostileCase) => `${c.hostility}/${c.mode}`;
  const seen = new Set(first.map(key));
  return [...first, ...rest.filter((c) => !seen.has(key(c)))];
}

export interface HostileOptions extends CampaignOptions {
  /** Run the cases that wait on real 20–90 s timers in process, time compressed (CI). */
  fast?: boolean;
}

export async function runHostileServerCampaign(options: HostileOptions): Promise<CampaignResult> {
  const tally = new Tally(NAME, options.log);
  const rng = createRng(options.seed, NAME);
  const dir = join(options.workDir, NAME);
  await mkdir(dir, { recursive: true });
  const stub = await startInProcessStub();
  const all = hostileCases();
  const cases = options.runs >= 100 ? all : all.slice(0, Math.min(all.length, Math.max(8, options.runs)));
  const plans = new Map<string, { c: HostileCase; hostileCount: number }>();
  const hostile = new HostileServer(new URL(stub.url), (req) => {
    const plan = plans.get(req.deviceid);
    if (!plan) return null;
    const { c, hostileCount } = plan;
    if (c.mode === 'persistent') return { hostility: c.hostility };
    if (c.mode === 'transient') return req.index <= hostileCount ? { hostility: c.hostility } : null;
    return req.requestType === 'certificate_based_register' && req.indexOfType === 1
      ? { hostility: c.hostility, landFirst: true }
      : null;
  });
  const url = await hostile.listen();
  const entry = await options.shared.agentBundle();
  let peakRssKb = 0;
  let peakRssCase = '';
  let slowestMs = 0;
  let inProcessRuns = 0;
  const ours: ChaosDevice[] = [];
  const usedAtStart = (await stub.client.licenses(stub.admin, DEMO_CUSTOMER)).chrome_enterprise_upgrade.used;
  try {
    const devices = ours;
    for (const [i] of cases.entries())
      devices.push(
        await makeChromeDevice(stub.client, dir, `h${i}`, rng.fork(`device-${i}`), {
          bundled: rng.chance(0.15),
        }),
      );
    await pool(
      cases.map((c, i) => ({ c, i })),
      cases.length,
      async ({ c, i }) => {
        const r = rng.fork(`run-${i}`);
        const device = devices[i] as ChaosDevice;
        const slow = SLOW_HOSTILITIES.has(c.hostility) || c.mode === 'persistent';
        const inProcess = options.fast === true && slow;
        const hostileCount = SLOW_HOSTILITIES.has(c.hostility) ? 1 : r.int(1, 3);
        await tally.run(
          `${device.id} ${c.hostility} ${c.mode}${c.mode === 'transient' ? ` ×${hostileCount}` : ''}${inProcess ? ' (in process, time compressed)' : ''}`,
          async (v) => {
            let outcome: Outcome | null;
            const started = Date.now();
            // Every request of this run carries the DM deviceid seeded here, so the server knows its plan.
            const deviceid = `chaos-${device.id}`.slice(0, 64);
            plans.set(deviceid, { c, hostileCount });
            await seedDeviceId(device.stateDir, deviceid);
            if (inProcess) {
              inProcessRuns += 1;
              const clock = new ScaledClock(0.05);
              const { handle } = await startInProcessAgent({
                server: url,
                root: device.root,
                stateDir: device.stateDir,
                clock,
                random: r.random,
                dmTimeouts: { lookup: 500, connect: 500, send: 500, response: 1_000, request: 1_500 },
              });
              try {
                outcome = await settleWithin(handle, 60_000);
              } finally {
                await handle.stop();
                clock.dispose();
              }
            } else {
              const run = await runAgentProcess(entry, agentRunArgs(url, device.root, device.stateDir), {
                timeoutMs: 200_000,
              });
              if (run.peakRssKb > peakRssKb) {
                peakRssKb = run.peakRssKb;
                peakRssCase = `${c.hostility}/${c.mode}`;
              }
              v.check(
                run.code !== 1 && run.signal === null,
                'crash',
                `exit ${run.code ?? run.signal}: ${run.stderr.slice(-400)}`,
              );
              v.check(
                run.peakRssKb < RSS_LIMIT_MB * 1024,
                'wrong',
                `peak RSS ${Math.round(run.peakRssKb / 1024)} MB`,
              );
              v.check(run.peakRssKb > 0, 'wrong', 'peak RSS could not be measured');
              outcome = run.outcome ? { ...run.outcome } : null;
              if (c.mode === 'persistent') v.check(run.code === 4, 'wrong', `exit ${run.code}, expected 4`);
              else v.check(run.code === 0, 'lost', `exit ${run.code}, expected 0`);
            }
            slowestMs = Math.max(slowestMs, Date.now() - started);
            v.check(outcome !== null, 'lost', 'no outcome');
            v.check(
              outcome?.internalError === undefined,
              'crash',
              `internal error ${outcome?.internalError}`,
            );
            const views = await deviceViews(stub.client, stub.admin);
            if (c.mode === 'persistent') {
              v.check(
                outcome?.outcome === 'error' && outcome.reason === 'safeguard-timeout',
                'wrong',
                `${outcome?.outcome}:${outcome?.reason}, expected error:safeguard-timeout`,
              );
              checkNotEnrolled(views, device.id, v, 'PRE_PROVISIONED');
            } else {
              v.check(outcome?.outcome === 'managed', 'lost', `${outcome?.outcome}:${outcome?.reason}`);
              checkEnrolled(views, device, v);
            }
          },
        );
      },
    );
    tally.figures.agentPeakRssMb = Math.round(peakRssKb / 102.4) / 10;
    tally.figures.agentPeakRssCase = peakRssCase;
    tally.figures.rssLimitMb = RSS_LIMIT_MB;
    tally.figures.slowestRunS = Math.round(slowestMs / 100) / 10;
    tally.figures.hostileAnswers = [...hostile.served.values()].reduce((a, b) => a + b, 0);
    tally.figures.inProcessRuns = inProcessRuns;
    return await finishWithLedger(tally, stub, { usedAtStart, devices: ours });
  } finally {
    await hostile.close();
    await stub.close();
  }
}

/**
 * Writes a first-boot record holding only the DM deviceid (what the agent itself writes as its first
 * state), so the hostile server can tell this child's requests apart.
 */
async function seedDeviceId(stateDir: string, deviceId: string): Promise<void> {
  await new StateStore({ dir: stateDir }).save({
    version: 1,
    bootId: 'chaos-seed',
    bootAttempts: 0,
    phase: INITIAL_FLOW_STATE,
    updatedAt: new Date().toISOString(),
    deviceId,
    history: [],
  });
}

export const hostileServerCampaign: Campaign = {
  name: NAME,
  description:
    'resets, slow-loris, silence, 10 MB bodies, deeply nested or ill-typed protobuf, not HTTP: no crash, peak RSS < 300 MB, managed once it stops, safeguard-timeout if it never does',
  run: (o) => runHostileServerCampaign(o),
};
