// Building blocks of the scenarios: a random stream per device (so a device's plan depends only on the
// fleet seed and its index, never on the fleet size or the shard), genuine hardware of any catalog row,
// and the plan skeleton every scenario fills in.

import { CATALOG, DERIVED_MODELS, SMART_DISPLAY_MODELS } from '../../agent/catalog/index.ts';
import type { CatalogEntry, DeviceClass } from '../../agent/catalog/types.ts';
import { type ChromeDeviceOptions, chromeDeviceProfile } from '../profiles/chrome-device.ts';
import { seededRandom } from '../profiles/random.ts';
import { type SmartDisplayOptions, smartDisplayProfile } from '../profiles/smart-display.ts';
import type {
  ChromeHardware,
  DevicePlan,
  DeviceScenario,
  Expected,
  FleetToken,
  PreprovisionPlan,
  SmartHardware,
} from './types.ts';
import { CUSTOMERS, TOKENS } from './world.ts';

/** 32-bit mix (murmur3's finaliser) of the fleet seed, a device index and a salt. */
export function mixSeed(seed: number, index: number, salt = 0): number {
  let h =
    (Math.imul(seed >>> 0, 0x9e3779b1) ^
      Math.imul((index + 1) >>> 0, 0x85ebca77) ^
      Math.imul(salt + 1, 0xc2b2ae3d)) >>>
    0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export interface PlanContext {
  seed: number;
  index: number;
  /** This device's random stream. */
  random: () => number;
}

export function planContext(seed: number, index: number): PlanContext {
  return { seed, index, random: seededRandom(mixSeed(seed, index)) };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

/** Picks by weight: `[[value, weight], …]`. */
export function weighted<T>(random: () => number, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  const last = table[table.length - 1];
  if (last === undefined) throw new RangeError('weighted pick from an empty table');
  return last[0];
}

/** A deterministic shuffle (Fisher–Yates) of `items` by `random`. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

export function deviceName(index: number): string {
  return `dev-${String(index).padStart(5, '0')}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const LATEST_MANUFACTURE = '2025-05-01';
const EARLIEST_MANUFACTURE = '2020-01-01';

/** A manufacture date on or after the row's cut-off (any date for "all devices" rows). */
export function eligibleDate(entry: CatalogEntry, random: () => number): string {
  const from = entry.eligibleFrom ?? EARLIEST_MANUFACTURE;
  const span = Math.max(0, (Date.parse(LATEST_MANUFACTURE) - Date.parse(from)) / 86_400_000);
  return addDays(from, Math.floor(random() * Math.min(span, 900)));
}

/** The model name on the wire: the listed name, or a footnote-derived one chosen by the CPU (footnote 4). */
export function wireModelName(entry: CatalogEntry, cpuModel: string | undefined): string {
  const derived = DERIVED_MODELS.find(
    (d) =>
      d.baseName === entry.name &&
      d.cpuMarkers.some((m) => cpuModel?.toUpperCase().includes(m.toUpperCase())),
  );
  return derived?.name ?? entry.name;
}

export const CPU_N200 = 'Intel(R) N200';
export const CPU_N305 = 'Intel(R) Core(TM) i3-N305';

/** Rows whose listed name has footnote-derived models (the Lenovo 14e Gen 3). */
export const FOOTNOTE4_ROWS: readonly CatalogEntry[] = CATALOG.filter((e) =>
  DERIVED_MODELS.some((d) => d.baseName === e.name),
);

export interface GenuineChrome {
  entry: CatalogEntry;
  hardware: ChromeHardware;
  /** The name the device reports on the wire. */
  wireModel: string;
}

/** A Chrome device of `entry` exactly as its factory made it, eligible unless the options say otherwise. */
export function genuineChrome(
  entry: CatalogEntry,
  random: () => number,
  options: ChromeDeviceOptions = {},
): GenuineChrome {
  const cpuModel =
    options.cpuModel ?? (FOOTNOTE4_ROWS.includes(entry) ? pick(random, [CPU_N200, CPU_N305]) : undefined);
  const origin =
    options.origin ??
    (entry.idKind === 'lenovo-1s-origin-mac' ? pick(random, ['KS', 'VN'] as const) : undefined);
  const profile = chromeDeviceProfile(entry, random, {
    manufactureDate: options.manufactureDate ?? eligibleDate(entry, random),
    ...(cpuModel !== undefined ? { cpuModel } : {}),
    ...(origin !== undefined ? { origin } : {}),
    ...(options.samsungSerialLength !== undefined
      ? { samsungSerialLength: options.samsungSerialLength }
      : {}),
  });
  return {
    entry,
    wireModel: wireModelName(entry, profile.spec.cpuModel),
    hardware: { kind: 'chrome', spec: profile.spec, idKind: entry.idKind, identity: profile.expected },
  };
}

export function genuineSmart(
  entry: CatalogEntry,
  random: () => number,
  options: SmartDisplayOptions = {},
): SmartHardware {
  const p = smartDisplayProfile(entry, random, options);
  return {
    kind: 'smart',
    spec: p.spec,
    responder: p.responder,
    modelNumber: p.modelNumber,
    identity: p.expected,
  };
}

export const CHROME_ROWS: readonly CatalogEntry[] = CATALOG;
export const SMART_ROWS: readonly CatalogEntry[] = SMART_DISPLAY_MODELS;

export function rowsOfClass(deviceClass: DeviceClass): readonly CatalogEntry[] {
  return deviceClass === 'smart-display'
    ? SMART_ROWS
    : CHROME_ROWS.filter((e) => e.deviceClass === deviceClass);
}

/** The partner upload of a genuine Chrome device. */
export function upload(
  g: GenuineChrome,
  token: FleetToken,
  extra: { bundled?: boolean; model?: string; deviceId?: string; serialNumber?: string } = {},
): PreprovisionPlan {
  return {
    customer: token === 'revocable' ? 'main' : TOKENS[token].customer,
    token,
    model: extra.model ?? g.wireModel,
    bundled: extra.bundled ?? false,
    deviceId: extra.deviceId ?? g.hardware.identity.certifiedDeviceId,
    serialNumber: extra.serialNumber ?? g.hardware.identity.serialNumber,
  };
}

export const MANAGED_MAIN: Expected = {
  outcome: 'managed',
  reason: 'enrolled',
  managementDomain: CUSTOMERS.main.domain,
};

/** A plan with everything a scenario does not set at its plain default. */
export function basePlan(
  ctx: PlanContext,
  scenario: DeviceScenario,
  variant: string,
  entry: { name: string; manufacturer: string; deviceClass: DeviceClass },
  hardware: ChromeHardware | SmartHardware,
  expected: Expected,
  why: string,
): DevicePlan {
  return {
    index: ctx.index,
    id: deviceName(ctx.index),
    scenario,
    variant,
    why,
    manufacturer: entry.manufacturer,
    model: entry.name,
    deviceClass: entry.deviceClass,
    hardware,
    key: hardware.kind === 'chrome' ? { kind: 'genuine' } : { kind: 'none' },
    preprovision: null,
    smart: null,
    network: { proxyFaults: [], outage: false },
    power: null,
    clock: null,
    jitterSeed: mixSeed(ctx.seed, ctx.index, 7),
    expected,
  };
}
