// Fleet-wide network faults played by the stub's test hooks (POST/DELETE /v1/test/faults), for whoever
// asks next: the server outage the "herd" boots into, and the 5xx burst and 429s of a flaky network.

import type { DevicePlan } from '../scenarios/types.ts';
import type { WorkerPool } from './pool.ts';

async function postJson(url: string, method: string, path: string, body?: unknown): Promise<number> {
  const res = await fetch(`${url}${path}`, {
    method,
    ...(body !== undefined
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
      : {}),
  });
  await res.arrayBuffer();
  return res.status;
}

/** The longest an outage lasts, whatever the herd does. */
const OUTAGE_CAP_MS = 120_000;

/**
 * The most devices one outage holds at once. The herd boots all at once, past the fleet's
 * concurrency (that is the thundering herd); but this machine simulates all of them, so a herd that
 * grows with the fleet (1,150 devices in a 25,000-device shard) can take longer to boot on its
 * cores than a device's 90 s safeguard allows: its devices then fail for the simulator's lack of
 * CPU, not for anything the agent did (a 50,000-device run lost 269 devices before the waves, 1 after). A larger herd meets its outage in waves of this size,
 * one after the other, each wave's boots over before the next outage starts (the outage answers
 * every device's first request, so a second one would also hit the first wave's retries).
 */
export const HERD_WAVE = 250;

export interface Herd {
  serverUrl: string;
  /** The server-outage devices. */
  herd: readonly DevicePlan[];
  /** Where a device's first failed request is told (the pool's, from its worker threads). */
  pool: Pick<WorkerPool, 'onFirstError'>;
  bootOne: (plan: DevicePlan) => Promise<void>;
  log: (line: string) => void;
}

/**
 * The herd: every server-outage device boots while the server answers 503, and the outage ends once
 * each of them has met it (or has ended its boot without asking); they then all come back within
 * their jittered backoff. Returns when the outage is over, with the herd's boots still running in
 * `herdDone`. The end is decided by the devices, not by a timer, so a slow machine (workers still
 * starting) does not end the outage before some of the herd reach the server; `OUTAGE_CAP_MS` only
 * keeps a device that never asks from holding the outage forever. A herd larger than `HERD_WAVE`
 * meets the outage in waves; the last wave's boots are the ones still running in `herdDone`.
 */
export async function bootHerdThroughOutage(
  herd: Herd,
): Promise<{ herdDone: Promise<unknown>; outageMs: number; waves: number }> {
  let outageMs = 0;
  const waves = Math.ceil(herd.herd.length / HERD_WAVE);
  for (let wave = 0; wave < waves; wave++) {
    const devices = herd.herd.slice(wave * HERD_WAVE, (wave + 1) * HERD_WAVE);
    const outage = await oneOutage({ ...herd, herd: devices });
    outageMs += outage.outageMs;
    if (wave === waves - 1) return { herdDone: outage.herdDone, outageMs, waves };
    await outage.herdDone;
  }
  return { herdDone: Promise.resolve(), outageMs, waves };
}

/** One outage and the devices that boot into it. */
async function oneOutage({
  serverUrl,
  herd,
  pool,
  bootOne,
  log,
}: Herd): Promise<{ herdDone: Promise<unknown>; outageMs: number }> {
  const status = await postJson(serverUrl, 'POST', '/v1/test/faults', {
    request_type: 'enterprise_check',
    status: 503,
    count: 1_000_000,
  });
  if (status !== 200)
    log(`fleet: cannot start the outage (POST /v1/test/faults → ${status}); the herd boots normally`);
  const waiting = new Set(herd.map((plan) => plan.index));
  let release: () => void = () => undefined;
  const allMet = new Promise<void>((resolve) => {
    release = resolve;
  });
  const met = (index: number) => {
    waiting.delete(index);
    if (waiting.size === 0) release();
  };
  pool.onFirstError(met);
  const outageStart = performance.now();
  const herdDone = Promise.all(herd.map((plan) => bootOne(plan).finally(() => met(plan.index))));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    allMet,
    new Promise((resolve) => {
      timer = setTimeout(resolve, OUTAGE_CAP_MS);
    }),
  ]);
  clearTimeout(timer);
  await postJson(serverUrl, 'DELETE', '/v1/test/faults');
  const outageMs = Math.round(performance.now() - outageStart);
  log(
    `fleet: outage over after ${outageMs} ms (${herd.length - waiting.size}/${herd.length} devices met it)`,
  );
  return { herdDone, outageMs };
}

/**
 * Flaky network: a 5xx burst and 429s with Retry-After from the stub itself, fleet-wide (retryable for
 * everyone), on top of each flaky device's own proxy faults; sized by the number of flaky devices.
 */
export async function armFlakyNetwork(serverUrl: string, flaky: number): Promise<void> {
  await postJson(serverUrl, 'POST', '/v1/test/faults', {
    request_type: 'enterprise_check',
    status: 503,
    count: Math.ceil(flaky / 3),
  });
  await postJson(serverUrl, 'POST', '/v1/test/faults', {
    request_type: 'certificate_based_register',
    status: 429,
    count: Math.ceil(flaky / 4),
    retry_after_seconds: 1,
  });
}
