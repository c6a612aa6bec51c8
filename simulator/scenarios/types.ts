// The fleet's unit of work: one device plan. Plain data (structured-clonable and JSON-able), so a plan
// crosses worker_threads, goes into report.json as it is, and the same `--seed` always gives the same
// plans and the same expectations.

import type { DeviceClass, IdKind } from '../../agent/catalog/types.ts';
import type { DeviceTreeSpec } from '../device-tree.ts';
import type { DisplayResponderOptions } from '../smart-display/responder.ts';

export const SCENARIO_NAMES = [
  'mixed',
  'all-models',
  'not-pre-provisioned',
  'no-licences',
  'bundled',
  'revoked-token',
  'wrong-model-name',
  'before-cutoff',
  'samsung-serial-length',
  'identity-faults',
  'flaky-network',
  'server-outage',
  'power-loss',
  'spoofed-device',
  'smart-assigned',
  'smart-unassigned',
  'smart-trial-expired',
  'smart-claim-expired',
  'smart-reseller-key',
  'smart-auto-credits',
  'smart-rs232-dialects',
  'clock-skew',
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];
/** Every scenario a device can be planned by (`mixed` is a blend of these). */
export type DeviceScenario = Exclude<ScenarioName, 'mixed'>;

export function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(value);
}

/** What the boot must end with. `reason` null: any reason; a list: any of them. */
export interface Expected {
  outcome: 'managed' | 'manual' | 'error';
  reason: string | readonly string[] | null;
  /** When set, the domain the device must be managed in (or the domain an error names). */
  managementDomain?: string;
}

/** The attestation key the simulated TPM holds. */
export type KeyPlan =
  | { kind: 'genuine' }
  /** No key provisioned (the TPM-sim is empty). */
  | { kind: 'none' }
  /** A key and chain from a CA the server does not trust (a copied identity on cloned hardware). */
  | { kind: 'rogue-ca' }
  /** A genuine key, but certified for another device ID (the certificate's serialNumber differs). */
  | { kind: 'other-device'; attestedDeviceId: string };

export interface ChromeHardware {
  kind: 'chrome';
  spec: DeviceTreeSpec;
  idKind: IdKind;
  /** The factory identity (what a partner uploads), whatever faults the tree carries. */
  identity: { serialNumber: string; certifiedDeviceId: string };
}

export interface SmartHardware {
  kind: 'smart';
  spec: DeviceTreeSpec;
  responder: DisplayResponderOptions;
  /** What the display answers to `get modelnum` (the wire model number). */
  modelNumber: string;
  identity: { serialNumber: string; certifiedDeviceId: string };
}

/** Customers and tokens of the stub's demo seed the fleet uses (see setup.ts). */
export type FleetCustomer = 'main' | 'no-licences';
export type FleetToken = 'main' | 'classrooms' | 'no-licences' | 'revocable';

export interface PreprovisionPlan {
  customer: FleetCustomer;
  token: FleetToken;
  /** The model name the partner uploads (footnote 4 scenarios upload the other Lenovo 14e name). */
  model: string;
  bundled: boolean;
  /** The partner's identity upload (may differ from the device: a typo'd serial). */
  deviceId: string;
  serialNumber: string;
}

/** The SMART Remote Management domains of the fleet (world.ts). */
export type SmartDomainRole = 'trial' | 'expired' | 'expired-bare' | 'reseller' | 'auto';

export interface SmartPlan {
  /** Invoice the display is on (null: bought without one); displays of one block share it. */
  invoice: {
    id: string;
    productKey: string;
    purchasedDaysAgo: number;
    credits: number;
    /**
     * What the purchase e-mail says (seed 002): `product-key` (default) — setup claims the key in SMART
     * Admin Portal and redeems it in SRM Billing; `enrollment` — each display's credits come as it enrolls.
     */
    creditsVia?: 'product-key' | 'enrollment';
  } | null;
  /** The domain that claims and redeems the invoice's key in setup (null: nobody). */
  redeemBy: SmartDomainRole | null;
  /**
   * When the automatic check-in finds no domain, the technician types this domain on the display's
   * manual screen (the fleet sends the manual enrollment, simulator/fleet/device.ts).
   */
  typedDomain?: SmartDomainRole;
}

/** Per-device network faults, played by the fleet's fault proxy on this device's first requests. */
export type ProxyFault = 'reset' | 'http-503' | 'http-429' | 'stall' | 'slow';

export interface NetworkPlan {
  proxyFaults: ProxyFault[];
  /** Boots while the server answers 503 to everyone (the server-outage herd). */
  outage: boolean;
}

/** A device clock that starts at a fixed instant (a dead RTC battery) or runs off by an offset. */
export type ClockPlan = { startsAt: string } | { offsetMs: number };

export interface DevicePlan {
  index: number;
  /** `dev-00042`. */
  id: string;
  scenario: DeviceScenario;
  /** The case within the scenario, e.g. `placeholder-serial`. */
  variant: string;
  /** Why this device must end as expected (for people reading the report). */
  why: string;
  manufacturer: string;
  /** The catalog row the device is built from (its listed name). */
  model: string;
  deviceClass: DeviceClass;
  hardware: ChromeHardware | SmartHardware;
  key: KeyPlan;
  preprovision: PreprovisionPlan | null;
  smart: SmartPlan | null;
  network: NetworkPlan;
  /** Child-process boots: SIGKILL after the Nth state write of boot k (none: that boot runs to the end). */
  power: { killAfterStateWrites: number[] } | null;
  /** The device's clock when it is wrong (null: right). */
  clock: ClockPlan | null;
  /** Seeds the agent's backoff jitter. */
  jitterSeed: number;
  expected: Expected;
}

export function matchesExpected(
  expected: Expected,
  actual: { outcome: string; reason: string | null; managementDomain: string | null },
): boolean {
  if (actual.outcome !== expected.outcome) return false;
  if (expected.reason !== null) {
    const accepted = typeof expected.reason === 'string' ? [expected.reason] : expected.reason;
    if (actual.reason === null || !accepted.includes(actual.reason)) return false;
  }
  if (expected.managementDomain !== undefined && actual.managementDomain !== expected.managementDomain)
    return false;
  return true;
}

export function describeExpected(e: Expected): string {
  const reason = e.reason === null ? '*' : typeof e.reason === 'string' ? e.reason : e.reason.join('|');
  return `${e.outcome}/${reason}${e.managementDomain ? `@${e.managementDomain}` : ''}`;
}
