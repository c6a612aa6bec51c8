// Device-side: SIGKILL the real agent (the built bundle, a child process) right after each of its
// persisted states and at random moments, then boot it again until it settles (a restart may itself
// be killed). Invariant: exactly one MANAGED record per device, a licence held by every device
// enrolled without a bundled one and by nobody else, none consumed twice, none lost.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StateStore } from '../../../agent/persistence/index.ts';
import {
  type AgentRunOptions,
  type AgentRunResult,
  agentRunArgs,
  runAgentProcess,
} from '../lib/agent-process.ts';
import {
  type ChaosDevice,
  checkEnrolled,
  deviceViews,
  finishWithLedger,
  makeChromeDevice,
} from '../lib/devices.ts';
import { createRng, type Rng } from '../lib/rng.ts';
import { DEMO_CUSTOMER, DEMO_DOMAIN, startInProcessStub } from '../lib/stub.ts';
import { Tally, type Verdict } from '../lib/tally.ts';
import type { Campaign, CampaignOptions, CampaignResult } from '../types.ts';

const NAME = 'agent-sigkill';
/** Restarts after the first kill, at most, before a device counts as lost. */
const MAX_BOOTS = 6;
/** Extra kills of the restarts, at most (the default boot-attempt limit, 5, is never reached). */
const MAX_EXTRA_KILLS = 2;

type KillPlan = { kind: 'state'; n: number } | { kind: 'moment'; ms: number };

function describePlan(p: KillPlan): string {
  return p.kind === 'state' ? `after state write ${p.n}` : `${p.ms} ms after spawn`;
}

function planOptions(p: KillPlan): AgentRunOptions {
  return p.kind === 'state' ? { killAfterStateWrites: p.n } : { killAfterMs: p.ms };
}

/** Exit 1, a signal we did not send, or a time-out: the agent died or hung by itself. */
function crashed(r: AgentRunResult): string | null {
  if (r.timedOut) return `hung (no exit within the limit): ${r.stderr.slice(-300)}`;
  if (r.signal !== null && !r.killedByUs) return `died of ${r.signal}`;
  if (r.code === 1) return `exit 1: ${r.stderr.slice(-300)}`;
  return null;
}

export async function runAgentKillCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const tally = new Tally(NAME, options.log);
  const rng = createRng(options.seed, NAME);
  const dir = join(options.workDir, NAME);
  await mkdir(dir, { recursive: true });
  const entry = await options.shared.agentBundle();
  const stub = await startInProcessStub();
  try {
    const usedAtStart = (await stub.client.licenses(stub.admin, DEMO_CUSTOMER)).chrome_enterprise_upgrade
      .used;
    const ours: ChaosDevice[] = [];

    // Calibration: one enrollment without a kill, to learn how many states it persists and how long it takes.
    const calibration = await makeChromeDevice(stub.client, dir, 'calibration', rng.fork('calibration'));
    const first = await runAgentProcess(
      entry,
      agentRunArgs(stub.url, calibration.root, calibration.stateDir),
    );
    if (first.code !== 0 || first.stateWrites === null)
      throw new Error(`calibration enrollment failed: exit ${first.code}: ${first.stderr.slice(-500)}`);
    ours.push(calibration);
    const writes = first.stateWrites;
    const enrollMs = first.durationMs;
    tally.figures.stateWritesPerEnrollment = writes;
    tally.figures.enrollmentMs = enrollMs;

    let killRuns = 0;
    let sigkills = 0;
    let lateKills = 0;
    let started = 0;
    let peakRssKb = first.peakRssKb;
    const target = options.runs;
    const planFor = (i: number, r: Rng): KillPlan =>
      // The first `writes` runs (and every other run after) kill at each persisted state in turn.
      i < writes || i % 2 === 0
        ? { kind: 'state', n: 1 + (i % writes) }
        : { kind: 'moment', ms: r.int(0, enrollMs) };

    const oneRun = async (i: number) => {
      const r = rng.fork(`run-${i}`);
      const plan = planFor(i, r);
      const device = await makeChromeDevice(stub.client, dir, `d${i}`, r, { bundled: r.chance(0.15) });
      ours.push(device);
      const args = agentRunArgs(stub.url, device.root, device.stateDir);
      const killed = await runAgentProcess(entry, args, planOptions(plan));
      peakRssKb = Math.max(peakRssKb, killed.peakRssKb);
      if (!killed.killedByUs) {
        // The moment came after the agent had finished: not a kill run; check it all the same.
        lateKills += 1;
        await tally.run(`late ${device.id}`, async (v) => {
          const why = crashed(killed);
          if (why) v.add('crash', why);
          v.check(killed.code === 0, 'lost', `exit ${killed.code}`);
          checkEnrolled(await deviceViews(stub.client, stub.admin), device, v);
        });
        return;
      }
      killRuns += 1;
      sigkills += 1;
      await tally.run(`${device.id} killed ${describePlan(plan)}`, async (v) => {
        let extraKills = 0;
        let final: AgentRunResult | null = null;
        const trail: string[] = [describePlan(plan)];
        for (let boot = 0; boot < MAX_BOOTS; boot++) {
          const killAgain = extraKills < MAX_EXTRA_KILLS && r.chance(0.25);
          const again: KillPlan | null = killAgain
            ? r.chance(0.5)
              ? { kind: 'state', n: r.int(1, writes) }
              : { kind: 'moment', ms: r.int(0, enrollMs) }
            : null;
          const result = await runAgentProcess(entry, args, again ? planOptions(again) : {});
          peakRssKb = Math.max(peakRssKb, result.peakRssKb);
          const why = crashed(result);
          if (why) v.add('crash', `boot ${boot + 2}: ${why}`);
          if (result.killedByUs) {
            extraKills += 1;
            sigkills += 1;
            trail.push(again ? describePlan(again) : '?');
            continue;
          }
          final = result;
          break;
        }
        if (!v.check(final !== null, 'lost', `not settled after ${MAX_BOOTS} boots (${trail.join(', ')})`))
          return;
        if (!final) return;
        v.check(
          final.code === 0,
          'lost',
          `final boot exit ${final.code} (${trail.join(', ')}): ${final.stdout.trim()}`,
        );
        v.check(
          final.outcome?.outcome === 'managed' && final.outcome.managementDomain === DEMO_DOMAIN,
          'lost',
          `final outcome ${JSON.stringify(final.outcome)}`,
        );
        checkEnrolled(await deviceViews(stub.client, stub.admin), device, v);
        await checkStateFile(device, v);
      });
    };

    // Two agents at a time (a device has two cores), until `target` runs were killed.
    const worker = async () => {
      while (killRuns + inFlight() < target && started < target * 3) {
        const i = started++;
        running += 1;
        try {
          await oneRun(i);
        } finally {
          running -= 1;
        }
      }
    };
    let running = 0;
    const inFlight = () => running;
    await Promise.all([worker(), worker()]);

    tally.figures.sigkillRuns = killRuns;
    tally.figures.sigkills = sigkills;
    tally.figures.lateKills = lateKills;
    tally.figures.agentPeakRssMb = Math.round(peakRssKb / 102.4) / 10;

    return await finishWithLedger(tally, stub, { usedAtStart, devices: ours });
  } finally {
    await stub.close();
  }
}

/** The device's own record agrees: managed, nothing in flight. */
async function checkStateFile(device: ChaosDevice, v: Verdict): Promise<void> {
  const loaded = await new StateStore({ dir: device.stateDir }).load();
  if (!v.check(loaded.kind === 'loaded', 'wrong', `state.json ${loaded.kind}`)) return;
  if (loaded.kind !== 'loaded') return;
  v.check(loaded.state.managed !== undefined, 'wrong', 'state.json is not managed');
  v.check(
    loaded.state.registration?.inFlight !== true,
    'wrong',
    'state.json still has a registration in flight',
  );
}

export const agentKillCampaign: Campaign = {
  name: NAME,
  description:
    'SIGKILL the built agent after each persisted state and at random moments, restart until settled: one MANAGED record and one licence per device',
  run: runAgentKillCampaign,
};
