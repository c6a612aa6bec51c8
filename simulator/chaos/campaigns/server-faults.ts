// Server-side: the stub's fault hooks answer bursts of 5xx and 429 with Retry-After to devices
// booting together (on the state look-up, the registration or the policy fetch). Every agent must end
// managed with one licence; after a 429 it must plan to wait at least the Retry-After it was given
// (capped at the 30 s backoff ceiling) — read from the machine's own retry plan, not from a clock.
// In process, the machine's delays compressed fifty times.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { RETRY_CAP_MS } from '../../../agent/machine/delays.ts';
import { settleWithin, startInProcessAgent } from '../lib/agent-inprocess.ts';
import {
  type ChaosDevice,
  checkEnrolled,
  deviceViews,
  finishWithLedger,
  makeChromeDevice,
} from '../lib/devices.ts';
import { createRng } from '../lib/rng.ts';
import { ScaledClock } from '../lib/scaled-clock.ts';
import { DEMO_CUSTOMER, injectFault, startInProcessStub } from '../lib/stub.ts';
import { Tally } from '../lib/tally.ts';
import type { Campaign, CampaignOptions, CampaignResult } from '../types.ts';

const NAME = 'server-5xx-429';
const REQUEST_TYPES = [
  'enterprise_check',
  'device_state_retrieval',
  'certificate_based_register',
  'policy',
] as const;
const STATUSES = [500, 502, 503, 504, 429] as const;

export async function runServerFaultsCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const tally = new Tally(NAME, options.log);
  const rng = createRng(options.seed, NAME);
  const dir = join(options.workDir, NAME);
  await mkdir(dir, { recursive: true });
  const stub = await startInProcessStub();
  const usedAtStart = (await stub.client.licenses(stub.admin, DEMO_CUSTOMER)).chrome_enterprise_upgrade.used;
  const ours: ChaosDevice[] = [];
  let faultsServed = 0;
  let retryAfterChecked = 0;
  try {
    // Faults are global to the stub: one burst at a time.
    const n = Math.max(REQUEST_TYPES.length * STATUSES.length, Math.ceil(options.runs / 8));
    for (let i = 0; i < n; i++) {
      const r = rng.fork(`run-${i}`);
      const requestType = REQUEST_TYPES[i % REQUEST_TYPES.length] ?? 'policy';
      const status = STATUSES[Math.floor(i / REQUEST_TYPES.length) % STATUSES.length] ?? 503;
      const agents = r.int(1, 4);
      const count = r.int(1, 2 * agents);
      const retryAfter = status === 429 || r.chance(0.3) ? r.int(1, 40) : undefined;
      const devices: ChaosDevice[] = [];
      for (let k = 0; k < agents; k++)
        devices.push(await makeChromeDevice(stub.client, dir, `f${i}-${k}`, r, { bundled: r.chance(0.15) }));
      ours.push(...devices);
      await tally.run(
        `${count}× ${status} on ${requestType}${retryAfter ? ` (Retry-After ${retryAfter} s)` : ''} to ${agents} device(s)`,
        async (v) => {
          await injectFault(stub.url, {
            request_type: requestType,
            status,
            count,
            ...(retryAfter !== undefined ? { retry_after_seconds: retryAfter } : {}),
          });
          const clocks: ScaledClock[] = [];
          const started = await Promise.all(
            devices.map((d) => {
              const clock = new ScaledClock(0.02);
              clocks.push(clock);
              return startInProcessAgent({
                server: stub.url,
                root: d.root,
                stateDir: d.stateDir,
                clock,
                random: r.fork(d.id).random,
                onTransition: (_state, snapshot) => {
                  if (!snapshot.hasTag('retrying')) return;
                  const { lastError, retry } = snapshot.context;
                  if (lastError?.retryAfterMs === undefined) return;
                  retryAfterChecked += 1;
                  const floor = Math.min(lastError.retryAfterMs, RETRY_CAP_MS);
                  v.check(
                    retry.delayMs >= floor,
                    'wrong',
                    `${d.id}: plans to retry after ${retry.delayMs} ms, Retry-After said ${lastError.retryAfterMs} ms`,
                  );
                },
              });
            }),
          );
          try {
            const outcomes = await Promise.all(started.map((s) => settleWithin(s.handle, 60_000)));
            for (const [k, outcome] of outcomes.entries()) {
              const d = devices[k] as ChaosDevice;
              v.check(
                outcome?.internalError === undefined,
                'crash',
                `${d.id}: internal error ${outcome?.internalError}`,
              );
              v.check(
                outcome?.outcome === 'managed',
                'lost',
                `${d.id}: ${outcome ? `${outcome.outcome}:${outcome.reason}` : 'did not settle'} (${started[k]?.handle.history.map((h) => h.state).join(' → ')})`,
              );
            }
          } finally {
            await Promise.all(started.map((s) => s.handle.stop()));
            for (const c of clocks) c.dispose();
          }
          const pending = (await (await fetch(`${stub.url}/v1/test/faults`)).json()) as {
            faults: Array<{ remaining: number }>;
          };
          const left = pending.faults.reduce((a, f) => a + f.remaining, 0);
          faultsServed += count - left;
          // A fault on `policy` is only hit by devices that enrolled: all of them must have asked.
          v.check(left === 0 || requestType === 'policy', 'wrong', `${left} injected faults never served`);
          await fetch(`${stub.url}/v1/test/faults`, { method: 'DELETE' });
          const views = await deviceViews(stub.client, stub.admin);
          for (const d of devices) {
            checkEnrolled(views, d, v);
          }
        },
      );
    }
    tally.figures.faultsServed = faultsServed;
    tally.figures.retryAfterPlansChecked = retryAfterChecked;
    return await finishWithLedger(tally, stub, { usedAtStart, devices: ours });
  } finally {
    await stub.close();
  }
}

export const serverFaultsCampaign: Campaign = {
  name: NAME,
  description:
    '5xx bursts and 429 with Retry-After on the look-up, the registration and the policy fetch: all managed, Retry-After honoured, one licence',
  run: runServerFaultsCampaign,
};
