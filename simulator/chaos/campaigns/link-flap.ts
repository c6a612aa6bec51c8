// Device-side: the network link flaps (a relay that refuses and cuts connections, interfaces shown
// down at the same moments) for up to a few seconds, then stays up. The agent must ride it out —
// offline screen, backoff, reregister after a cut registration — and end managed with one licence.
// In process, the machine's delays compressed ten times (safeguard 9 s, link poll 200 ms).

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFlowState } from '../../../agent/machine/view.ts';
import { SysfsBackend } from '../../../hal/backends/sysfs/index.ts';
import { settleWithin, startInProcessAgent } from '../lib/agent-inprocess.ts';
import {
  type ChaosDevice,
  checkEnrolled,
  deviceViews,
  finishWithLedger,
  makeChromeDevice,
} from '../lib/devices.ts';
import { FlakyLink, flapSchedule } from '../lib/link.ts';
import { createRng } from '../lib/rng.ts';
import { ScaledClock } from '../lib/scaled-clock.ts';
import { DEMO_CUSTOMER, startInProcessStub } from '../lib/stub.ts';
import { pool, Tally } from '../lib/tally.ts';
import type { Campaign, CampaignOptions, CampaignResult } from '../types.ts';

const NAME = 'link-flapping';

export async function runLinkFlapCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const tally = new Tally(NAME, options.log);
  const rng = createRng(options.seed, NAME);
  const dir = join(options.workDir, NAME);
  await mkdir(dir, { recursive: true });
  const stub = await startInProcessStub();
  const usedAtStart = (await stub.client.licenses(stub.admin, DEMO_CUSTOMER)).chrome_enterprise_upgrade.used;
  const ours: ChaosDevice[] = [];
  let offlineVisits = 0;
  let cuts = 0;
  try {
    const n = Math.max(4, Math.ceil(options.runs / 10));
    await pool(
      Array.from({ length: n }, (_, i) => i),
      4,
      async (i) => {
        const r = rng.fork(`run-${i}`);
        const device = await makeChromeDevice(stub.client, dir, `l${i}`, r, { bundled: r.chance(0.15) });
        ours.push(device);
        const schedule = flapSchedule(r.random, r.int(200, 2500));
        const announce = r.chance(0.5);
        await tally.run(
          `${device.id} ${schedule.length} flaps over ${schedule.reduce((a, b) => a + b, 0)} ms${announce ? ', NETWORK_UP announced' : ''}`,
          async (v) => {
            const link = new FlakyLink(new URL(stub.url));
            const url = await link.listen();
            const clock = new ScaledClock(0.1);
            link.set(false);
            const { handle } = await startInProcessAgent({
              server: url,
              root: device.root,
              stateDir: device.stateDir,
              clock,
              random: r.random,
              network: link.network(new SysfsBackend({ root: device.root })),
            });
            // A link watcher would announce the carrier coming back; half the runs rely on polling alone.
            const unsubscribe = announce
              ? link.onChange((up) => {
                  if (up) handle.actor.send({ type: 'NETWORK_UP' });
                })
              : () => undefined;
            const flapping = (async () => {
              for (const [k, ms] of schedule.entries()) {
                await new Promise((resolve) => setTimeout(resolve, ms));
                link.set(k % 2 === 0); // down first, so even periods end with the link coming up
              }
              link.set(true);
            })();
            try {
              const outcome = await settleWithin(handle, 60_000);
              await flapping;
              v.check(outcome !== null, 'lost', 'did not settle');
              v.check(
                outcome?.internalError === undefined,
                'crash',
                `internal error ${outcome?.internalError}`,
              );
              v.check(
                outcome?.outcome === 'managed',
                'lost',
                `${outcome?.outcome}:${outcome?.reason} after ${handle.history.map((h) => h.state).join(' → ')}`,
              );
              offlineVisits += handle.history.filter(
                (h) => describeFlowState(h.state)?.screen === 'offline',
              ).length;
              cuts += link.cut + link.refused;
              checkEnrolled(await deviceViews(stub.client, stub.admin), device, v);
            } finally {
              unsubscribe();
              await handle.stop();
              clock.dispose();
              await link.close();
            }
          },
        );
      },
    );
    tally.figures.offlineScreens = offlineVisits;
    tally.figures.connectionsCutOrRefused = cuts;
    return await finishWithLedger(tally, stub, { usedAtStart, devices: ours });
  } finally {
    await stub.close();
  }
}

export const linkFlapCampaign: Campaign = {
  name: NAME,
  description:
    'the link flaps (connections refused and cut, interfaces down) then holds: managed, one licence',
  run: runLinkFlapCampaign,
};
