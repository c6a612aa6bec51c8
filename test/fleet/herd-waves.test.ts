// The server-outage herd in waves (simulator/fleet/stub-faults.ts): a herd larger than HERD_WAVE
// meets the outage HERD_WAVE devices at a time, each wave over before the next starts, so that a
// big fleet's herd does not outgrow what this machine can boot within a device's safeguard.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootHerdThroughOutage, HERD_WAVE } from '../../simulator/fleet/stub-faults.ts';
import { planFleet } from '../../simulator/scenarios/index.ts';
import { type StartedStub, startStub } from '../helpers/stub.ts';

let stub: StartedStub;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(async () => {
  await stub.close();
});

describe('the server-outage herd', () => {
  it('meets the outage in waves of at most HERD_WAVE devices, one wave after the other', async () => {
    const herd = planFleet({ scenario: 'server-outage', seed: 7, devices: 2 * HERD_WAVE + 17 });
    let tellMet: (index: number, status: number | string) => void = () => undefined;
    const pool = {
      onFirstError: (listener: typeof tellMet) => {
        tellMet = listener;
      },
    };
    let running = 0;
    let mostAtOnce = 0;
    const started: number[] = [];
    const ended = new Set<number>();
    const startedBeforeEarlierEnded: number[] = [];
    const bootOne = async (plan: (typeof herd)[number]) => {
      // A device of a later wave must find every device of the earlier waves ended.
      const wave = Math.floor(started.length / HERD_WAVE);
      for (const earlier of started.slice(0, wave * HERD_WAVE))
        if (!ended.has(earlier)) startedBeforeEarlierEnded.push(plan.index);
      started.push(plan.index);
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setImmediate(resolve));
      tellMet(plan.index, 503);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      ended.add(plan.index);
    };

    const outage = await bootHerdThroughOutage({
      serverUrl: stub.url,
      herd,
      pool,
      bootOne,
      log: () => undefined,
    });
    await outage.herdDone;

    expect(outage.waves).toBe(3);
    expect(mostAtOnce).toBe(HERD_WAVE);
    expect([...started].sort((a, b) => a - b)).toEqual(herd.map((p) => p.index));
    expect(ended.size).toBe(herd.length);
    expect(startedBeforeEarlierEnded).toEqual([]);
  });
});
