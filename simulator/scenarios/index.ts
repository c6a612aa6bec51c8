// The fleet's scenarios: pure functions from (fleet seed, device index) to a device plan with its
// expected outcome. `planFleet` is the whole fleet; a device's plan depends only on the seed and its
// index, so shards, re-runs and held-out seeds all agree on who is who and what must happen.

import type { DeviceClass } from '../../agent/catalog/types.ts';
import { seededRandom } from '../profiles/random.ts';
import {
  CHROME_ROWS,
  mixSeed,
  type PlanContext,
  pick,
  planContext,
  rowsOfClass,
  SMART_ROWS,
  shuffled,
  weighted,
} from './build.ts';
import { CHROME_IDENTITY_FAULTS, chromeIdentityFault } from './chrome-identity-faults.ts';
import {
  beforeCutoff,
  bundled,
  clockSkew,
  happyChrome,
  noLicences,
  notPreProvisioned,
  revokedToken,
  samsungSerialLength,
  spoofedDevice,
  wrongModelName,
} from './chrome-scenarios.ts';
import { flakyNetwork, powerLoss, serverOutage } from './fault-scenarios.ts';
import { smartRs232Dialects } from './smart-dialect-scenarios.ts';
import {
  smartAssigned,
  smartAutoCredits,
  smartClaimExpired,
  smartIdentityFault,
  smartResellerKey,
  smartTrialExpired,
  smartUnassigned,
} from './smart-scenarios.ts';
import { type DevicePlan, type DeviceScenario, SCENARIO_NAMES, type ScenarioName } from './types.ts';

export { deviceName, mixSeed } from './build.ts';
export * from './types.ts';

/** What each scenario is about, for `--help`, the README and the report. */
export const SCENARIO_DESCRIPTIONS: Readonly<Record<ScenarioName, string>> = {
  mixed: 'a realistic blend of every scenario below (default)',
  'all-models': 'every catalog row and SMART series in turn, genuine and pre-provisioned: managed',
  'not-pre-provisioned': 'never uploaded, or uploaded with a typo: manual/not-pre-provisioned',
  'no-licences': 'customer without Chrome Enterprise Upgrade left: error/missing-licenses',
  bundled: 'bundled licence, even for a customer without licences: managed',
  'revoked-token': 'uploaded with a token revoked since: error/management-not-supported',
  'wrong-model-name':
    'footnote 4 (Lenovo 14e Gen 3 N305 vs N100/N200) or another model uploaded: manual/not-pre-provisioned',
  'before-cutoff': "made before the row's date, Samsung 14-character serials: manual/made-before-cutoff",
  'samsung-serial-length':
    'Samsung serials of 13, 14 or 16 characters (footnote 2: exactly 15): manual/serial-incomplete; 15 characters: managed',
  'identity-faults':
    'placeholder, blank, padded, non-ASCII serials, swapped M60q board, SMART touch/RS-232 faults…: manual/<reason>',
  'flaky-network': 'resets, stalls, 5xx and 429 on first requests: managed',
  'server-outage': 'every device boots while the server answers 503, then it recovers: managed',
  'power-loss':
    'SIGKILL at random persisted states, reboot until settled: managed (crash loop: manual/too-many-attempts)',
  'spoofed-device':
    "copied serial/ADID with a rogue key or another device's certificate: error/management-not-supported",
  'smart-assigned': 'display on an invoice redeemed by an SRM domain in trial: managed',
  'smart-unassigned': 'display on no invoice or an unredeemed one: manual/smart-unassigned',
  'smart-trial-expired':
    'domain past its 30-day trial: managed once a key gave it credits, else not activated: error|manual/smart-domain-not-activated',
  'smart-claim-expired':
    'Admin Portal claim more than a year after purchase: activation error, no key: manual/smart-unassigned',
  'smart-reseller-key': 'domain past its trial activated by a reseller key, typed on the display: managed',
  'smart-auto-credits': 'invoice with credits on enrollment, typed into a domain past its trial: managed',
  'smart-rs232-dialects':
    'V2/V3 RS-232 dialect (CRLF framing, `invalid cmd:`), standby/powersave woken with set powerstate=on: managed; firmware update: manual/missing-serial',
  'clock-skew': 'device clock at 1970 or years off: error/clock (the clock screen); a few hours off: managed',
};

/** The order `all-models` walks through: every seed row and SMART series, shuffled by the fleet seed. */
export function allModelsOrder(seed: number) {
  return shuffled([...CHROME_ROWS, ...SMART_ROWS], seededRandom(mixSeed(seed, -1, 3)));
}

const allModelsCache = new Map<number, ReturnType<typeof allModelsOrder>>();

function allModels(ctx: PlanContext): DevicePlan {
  let order = allModelsCache.get(ctx.seed);
  if (order === undefined) {
    order = allModelsOrder(ctx.seed);
    allModelsCache.set(ctx.seed, order);
  }
  const entry = order[ctx.index % order.length];
  if (entry === undefined) throw new Error('empty catalog');
  return entry.deviceClass === 'smart-display'
    ? smartAssigned(ctx, entry, 'all-models')
    : happyChrome(ctx, entry);
}

function identityFaults(ctx: PlanContext): DevicePlan {
  // Three Chrome faults for one SMART fault, roughly the share of each in a fleet.
  if (ctx.random() < 0.25) return smartIdentityFault(ctx);
  return chromeIdentityFault(ctx, pick(ctx.random, CHROME_IDENTITY_FAULTS));
}

export const SCENARIOS: Readonly<Record<DeviceScenario, (ctx: PlanContext) => DevicePlan>> = {
  'all-models': allModels,
  'not-pre-provisioned': notPreProvisioned,
  'no-licences': noLicences,
  bundled,
  'revoked-token': revokedToken,
  'wrong-model-name': wrongModelName,
  'before-cutoff': beforeCutoff,
  'samsung-serial-length': samsungSerialLength,
  'identity-faults': identityFaults,
  'flaky-network': flakyNetwork,
  'server-outage': serverOutage,
  'power-loss': powerLoss,
  'spoofed-device': spoofedDevice,
  'smart-assigned': (ctx) => smartAssigned(ctx),
  'smart-unassigned': smartUnassigned,
  'smart-trial-expired': smartTrialExpired,
  'smart-claim-expired': smartClaimExpired,
  'smart-reseller-key': smartResellerKey,
  'smart-auto-credits': smartAutoCredits,
  'smart-rs232-dialects': (ctx) => smartRs232Dialects(ctx),
  'clock-skew': clockSkew,
};

export const DEVICE_SCENARIOS = SCENARIO_NAMES.filter((n): n is DeviceScenario => n !== 'mixed');

/**
 * The blend of `mixed` (weights in percent): mostly ordinary devices of every class, every failure
 * family present. Child-process power-loss devices are the most expensive, so they are the rarest.
 */
const MIXED_WEIGHTS: ReadonlyArray<readonly [DeviceScenario | 'any-class', number]> = [
  ['any-class', 30],
  ['smart-assigned', 7],
  ['not-pre-provisioned', 5],
  ['no-licences', 4],
  ['bundled', 5],
  ['revoked-token', 3],
  ['wrong-model-name', 3],
  ['before-cutoff', 5],
  ['samsung-serial-length', 2],
  ['identity-faults', 6],
  ['flaky-network', 6],
  ['server-outage', 5],
  ['power-loss', 1],
  ['spoofed-device', 3],
  ['smart-unassigned', 4],
  ['smart-trial-expired', 4],
  ['smart-claim-expired', 3],
  ['smart-reseller-key', 2],
  ['smart-auto-credits', 2],
  ['clock-skew', 5],
  ['all-models', 1],
];

const CLASS_WEIGHTS: ReadonlyArray<readonly [DeviceClass, number]> = [
  ['chromebook', 70],
  ['chromebox', 10],
  ['chromebase', 5],
  ['tablet', 10],
  ['smart-display', 5],
];

function ofClass(ctx: PlanContext, deviceClass: DeviceClass): DevicePlan {
  const entry = pick(ctx.random, rowsOfClass(deviceClass));
  return deviceClass === 'smart-display' ? smartAssigned(ctx, entry, 'all-models') : happyChrome(ctx, entry);
}

/**
 * The first devices of a mixed fleet: one per scenario, then one per device class, so that any fleet of
 * at least this size has every scenario and every class. Their order is shuffled by the seed.
 */
function guaranteed(seed: number): Array<(ctx: PlanContext) => DevicePlan> {
  const scenarios = DEVICE_SCENARIOS.map((s) => SCENARIOS[s]);
  const classes = (['chromebook', 'chromebox', 'chromebase', 'tablet', 'smart-display'] as const).map(
    (c) => (ctx: PlanContext) => ofClass(ctx, c),
  );
  return shuffled([...scenarios, ...classes], seededRandom(mixSeed(seed, -1, 5)));
}

export const MIXED_GUARANTEED = DEVICE_SCENARIOS.length + 5;

function mixed(ctx: PlanContext): DevicePlan {
  const first = ctx.index < MIXED_GUARANTEED ? guaranteed(ctx.seed)[ctx.index] : undefined;
  if (first !== undefined) return first(ctx);
  const choice = weighted(ctx.random, MIXED_WEIGHTS);
  return choice === 'any-class' ? ofClass(ctx, weighted(ctx.random, CLASS_WEIGHTS)) : SCENARIOS[choice](ctx);
}

/** The plan of device `index` of a fleet of `scenario` with `seed`. */
export function planDevice(scenario: ScenarioName, seed: number, index: number): DevicePlan {
  const ctx = planContext(seed, index);
  return scenario === 'mixed' ? mixed(ctx) : SCENARIOS[scenario](ctx);
}

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

/** Whether device `index` belongs to the shard (round-robin by index: every shard gets the same blend). */
export function inShard(index: number, shard: ShardSpec | null): boolean {
  return shard === null || index % shard.count === shard.index - 1;
}

/** Every device of the fleet (or of one shard of it). */
export function planFleet(options: {
  scenario: ScenarioName;
  seed: number;
  devices: number;
  shard?: ShardSpec | null;
}): DevicePlan[] {
  const plans: DevicePlan[] = [];
  for (let i = 0; i < options.devices; i++) {
    if (inShard(i, options.shard ?? null)) plans.push(planDevice(options.scenario, options.seed, i));
  }
  return plans;
}
