// Device-side: the device clock at first boot is at 1970 (dead RTC battery), years ahead, before this
// release, or days off the server's Date header. The agent must show the distinct `clock` screen
// before asking the server anything, then recover once the clock is right: by itself (the clock
// screen re-checks) or at the next boot. In process, with the machine's delays compressed.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFlowState } from '../../../agent/machine/view.ts';
import {
  bootInProcess,
  settledManaged,
  settleWithin,
  startInProcessAgent,
  waitForState,
} from '../lib/agent-inprocess.ts';
import {
  checkEnrolled,
  checkNotEnrolled,
  deviceViews,
  finishWithLedger,
  makeChromeDevice,
} from '../lib/devices.ts';
import { createRng } from '../lib/rng.ts';
import { ScaledClock } from '../lib/scaled-clock.ts';
import { DEMO_CUSTOMER, type StubHandle, startInProcessStub } from '../lib/stub.ts';
import { Tally } from '../lib/tally.ts';
import type { Campaign, CampaignOptions, CampaignResult } from '../types.ts';

const NAME = 'device-clock';
const DAY = 24 * 3600 * 1000;
const SKEWS = ['epoch-1970', 'years-ahead', 'before-release', 'days-behind', 'days-ahead'] as const;
type Skew = (typeof SKEWS)[number];
const RECOVERY = ['by-itself', 'next-boot'] as const;

/** Offset (ms) from the real clock for a wrong device clock of kind `skew`. */
function offsetFor(skew: Skew, rng: ReturnType<typeof createRng>): number {
  switch (skew) {
    case 'epoch-1970':
      return -Date.now() + rng.int(0, 3600_000);
    case 'years-ahead':
      return rng.int(2, 30) * 365 * DAY;
    case 'before-release':
      return Date.parse('2025-06-01T00:00:00Z') - Date.now() + rng.int(0, 100) * DAY;
    case 'days-behind':
      return -rng.int(2, 60) * DAY;
    case 'days-ahead':
      return rng.int(2, 60) * DAY;
  }
}

async function used(stub: StubHandle): Promise<number> {
  return (await stub.client.licenses(stub.admin, DEMO_CUSTOMER)).chrome_enterprise_upgrade.used;
}

export async function runClockCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const tally = new Tally(NAME, options.log);
  const rng = createRng(options.seed, NAME);
  const dir = join(options.workDir, NAME);
  await mkdir(dir, { recursive: true });
  const stub = await startInProcessStub();
  try {
    const n = Math.max(SKEWS.length * RECOVERY.length, Math.ceil(options.runs / 10));
    for (let i = 0; i < n; i++) {
      const r = rng.fork(`run-${i}`);
      const skew = SKEWS[i % SKEWS.length] as Skew;
      const recovery = RECOVERY[Math.floor(i / SKEWS.length) % RECOVERY.length] ?? 'by-itself';
      const device = await makeChromeDevice(stub.client, dir, `k${i}`, r, { bundled: r.chance(0.15) });
      await tally.run(`${device.id} clock ${skew}, recovers ${recovery}`, async (v) => {
        let offset = offsetFor(skew, r);
        const now = () => new Date(Date.now() + offset);
        const clock = new ScaledClock(0.02);
        const before = await used(stub);
        const { handle } = await startInProcessAgent({
          server: stub.url,
          root: device.root,
          stateDir: device.stateDir,
          clock,
          now,
          random: r.random,
        });
        try {
          const first = await settleWithin(handle, 30_000);
          v.check(first?.internalError === undefined, 'crash', `internal error ${first?.internalError}`);
          v.check(
            first?.outcome === 'error' && first.reason === 'clock',
            'wrong',
            `wrong clock ended ${first?.outcome}:${first?.reason}, not on the clock screen`,
          );
          const states = handle.history.map((h) => h.state);
          v.check(
            !states.some((s) => describeFlowState(s)?.tags.has('automatic-check')),
            'wrong',
            `the server was asked before the clock was fixed: ${states.join(' → ')}`,
          );
          checkNotEnrolled(await deviceViews(stub.client, stub.admin), device.id, v, 'PRE_PROVISIONED');
          v.check((await used(stub)) === before, 'double-consumed', 'a licence was used on the clock screen');
          offset = 0; // the clock is set right (by the person, or by the network)
          if (recovery === 'by-itself') {
            const managed = await waitForState(handle, settledManaged, 30_000);
            v.check(
              managed,
              'lost',
              `did not recover by itself: ${handle.history.map((h) => h.state).join(' → ')}`,
            );
          }
        } finally {
          await handle.stop();
          clock.dispose();
        }
        if (recovery === 'next-boot') {
          const { outcome } = await bootInProcess({
            server: stub.url,
            root: device.root,
            stateDir: device.stateDir,
          });
          v.check(
            outcome?.outcome === 'managed',
            'lost',
            `next boot with a right clock: ${outcome?.outcome}:${outcome?.reason}`,
          );
        }
        checkEnrolled(await deviceViews(stub.client, stub.admin), device, v);
        v.check(
          (await used(stub)) === before + (device.bundled ? 0 : 1),
          'double-consumed',
          `licences used ${before} → ${await used(stub)}`,
        );
      });
    }
    return await finishWithLedger(tally, stub);
  } finally {
    await stub.close();
  }
}

export const clockCampaign: Campaign = {
  name: NAME,
  description:
    'device clock at 1970, years ahead, before the release or days off the server: clock screen before any request, then managed once right (by itself, or next boot)',
  run: runClockCampaign,
};
