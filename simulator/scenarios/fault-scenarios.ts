// Scenarios where the hardware and the accounts are right and the environment is not: a flaky network,
// a server outage with the whole fleet retrying at once, power cuts at random persisted states. The
// agent's answer to all of them is to retry (DESIGN §6: network, 5xx and 429 are retryable with capped
// exponential backoff and full jitter; a restart resumes from state.json), so every device must still
// end managed — or, for a crash loop, on the manual screen with `too-many-attempts`.

import { CHROME_ROWS, type PlanContext, pick, weighted } from './build.ts';
import { happyChrome } from './chrome-scenarios.ts';
import { smartAssigned } from './smart-scenarios.ts';
import type { DevicePlan, ProxyFault } from './types.ts';

/**
 * 1–3 faults on a device's first requests. Backoff is real time (full jitter: up to 1 s, 2 s, 4 s;
 * 429 carries Retry-After: 1), so a device pays a few seconds at most.
 */
function proxyFaults(ctx: PlanContext, chrome: boolean): ProxyFault[] {
  const count = 1 + Math.floor(ctx.random() * 3);
  const table: Array<readonly [ProxyFault, number]> = [
    ['reset', 3],
    ['http-503', 3],
    ['http-429', 2],
    ['slow', 2],
  ];
  // A stalled answer needs the short response time-out the fleet gives flaky Chrome devices.
  if (chrome) table.push(['stall', 1]);
  return Array.from({ length: count }, () => weighted(ctx.random, table));
}

export function flakyNetwork(ctx: PlanContext): DevicePlan {
  const chrome = ctx.random() < 0.75;
  const plan = chrome
    ? happyChrome(ctx, pick(ctx.random, CHROME_ROWS), 'flaky-network')
    : smartAssigned(ctx, undefined, 'flaky-network');
  plan.network.proxyFaults = proxyFaults(ctx, chrome);
  plan.variant = plan.network.proxyFaults.join('+');
  plan.why = `First requests meet ${plan.network.proxyFaults.join(', ')}: every one is retryable, so it still enrolls.`;
  return plan;
}

export function serverOutage(ctx: PlanContext): DevicePlan {
  const plan = happyChrome(ctx, pick(ctx.random, CHROME_ROWS), 'server-outage');
  plan.network.outage = true;
  plan.variant = 'boots-during-outage';
  plan.why =
    'Boots while the server answers 503 to everyone; when it recovers the herd retries with jittered backoff and enrolls.';
  return plan;
}

/** State writes of one whole boot that enrolls (boot record + every flow state): kills land within it. */
const WRITES_PER_BOOT = 12;

export function powerLoss(ctx: PlanContext): DevicePlan {
  const plan = happyChrome(ctx, pick(ctx.random, CHROME_ROWS), 'power-loss');
  const variant = weighted(ctx.random, [
    ['killed-once', 5],
    ['killed-twice', 3],
    ['crash-loop', 1],
  ] as const);
  plan.variant = variant;
  const at = () => 1 + Math.floor(ctx.random() * WRITES_PER_BOOT);
  switch (variant) {
    case 'killed-once':
      plan.power = { killAfterStateWrites: [at()] };
      break;
    case 'killed-twice':
      plan.power = { killAfterStateWrites: [at(), at()] };
      break;
    case 'crash-loop':
      // Killed right after the boot record, five boots running: the sixth boot shows the manual screen.
      plan.power = { killAfterStateWrites: [1, 1, 1, 1, 1] };
      break;
  }
  if (variant === 'crash-loop') {
    plan.expected = { outcome: 'manual', reason: 'too-many-attempts' };
    plan.why =
      'Killed at the start of five boots in a row (DEFAULT_MAX_BOOT_ATTEMPTS = 5): the sixth boot gives up on zero-touch.';
  } else {
    // A kill after the managed state was persisted leaves a managed record: the next boot says so.
    plan.expected = { ...plan.expected, reason: ['enrolled', 'already-managed'] };
    plan.why = `SIGKILL after state write${plan.power.killAfterStateWrites.length > 1 ? 's' : ''} ${plan.power.killAfterStateWrites.join(' then ')}; each reboot resumes from state.json (an interrupted register is retried with reregister) and enrolls once.`;
  }
  return plan;
}
