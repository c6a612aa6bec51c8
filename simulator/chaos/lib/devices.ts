// Simulated Chrome devices for campaigns (any row of the compatibility table, from the seed) and the
// ledger checks every campaign ends with: what the stub's admin API says about devices and licences.

import { join } from 'node:path';
import { CATALOG } from '../../../agent/catalog/index.ts';
import { buildSimulatedChromeDevice, preprovisionEntry } from '../../devices/chrome.ts';
import type { StubClient } from '../../devices/stub-client.ts';
import { type ChromeDeviceProfile, chromeDeviceProfile } from '../../profiles/chrome-device.ts';
import type { Rng } from './rng.ts';
import { DEMO_CUSTOMER, DEMO_TOKEN, PARTNER_KEY } from './stub.ts';
import { type Tally, Verdict } from './tally.ts';

const CHROME_ROWS = CATALOG.filter((e) => e.idKind !== 'smart-serial');

export interface ChaosDevice {
  name: string;
  root: string;
  stateDir: string;
  profile: ChromeDeviceProfile;
  /** The certified device ID: the stub's `device_id`. */
  id: string;
  bundled: boolean;
}

export interface MakeDeviceOptions {
  bundled?: boolean;
  /** Upload it through the partner API (default true). */
  preprovision?: boolean;
  /** Mint its attestation key (default true). */
  withKey?: boolean;
  token?: string;
  customer?: string;
}

/** A device tree under `dir/name`, its TPM-sim key minted by the stub, pre-provisioned for C00demo01. */
export async function makeChromeDevice(
  client: StubClient,
  dir: string,
  name: string,
  rng: Rng,
  options: MakeDeviceOptions = {},
): Promise<ChaosDevice> {
  const row = rng.pick(CHROME_ROWS);
  const profile = chromeDeviceProfile(row, rng.random);
  const root = join(dir, name);
  await buildSimulatedChromeDevice(root, profile, client, { withAttestationKey: options.withKey !== false });
  const bundled = options.bundled === true;
  if (options.preprovision !== false) {
    const [result] = await client.preprovision({
      partnerKey: PARTNER_KEY,
      customerId: options.customer ?? DEMO_CUSTOMER,
      token: options.token ?? DEMO_TOKEN,
      devices: [preprovisionEntry(profile, { bundled })],
    });
    if (result?.status !== 'PRE_PROVISIONED')
      throw new Error(`pre-provisioning ${profile.expected.certifiedDeviceId}: ${JSON.stringify(result)}`);
  }
  return {
    name,
    root,
    stateDir: join(root, 'state'),
    profile,
    id: profile.expected.certifiedDeviceId,
    bundled,
  };
}

export interface DeviceView {
  device_id: string;
  status: string;
  license_consumed: boolean;
  bundled_license: boolean;
  org_unit_path: string;
  enrolled_at: string | null;
}

export async function deviceViews(client: StubClient, admin: string, customer = DEMO_CUSTOMER) {
  const rows = (await client.devices(admin, customer)) as unknown as DeviceView[];
  return new Map(rows.map((d) => [d.device_id, d]));
}

/** The device is MANAGED once, holding a licence unless bundled (and then a bundled one). */
export function checkEnrolled(views: Map<string, DeviceView>, device: ChaosDevice, verdict: Verdict): void {
  const view = views.get(device.id);
  if (!verdict.check(view !== undefined, 'lost', `${device.id}: no record`)) return;
  if (!view) return;
  verdict.check(view.status === 'MANAGED', 'lost', `${device.id}: ${view.status}, not MANAGED`);
  verdict.check(
    view.license_consumed === !device.bundled,
    device.bundled ? 'double-consumed' : 'lost',
    `${device.id}: license_consumed=${view.license_consumed} (bundled=${device.bundled})`,
  );
}

/** The device was not enrolled and holds no licence (a refused or not-yet-enrolled device). */
export function checkNotEnrolled(
  views: Map<string, DeviceView>,
  id: string,
  verdict: Verdict,
  expectedStatus: string | null,
): void {
  const view = views.get(id);
  verdict.check(
    (view?.status ?? null) === expectedStatus,
    'wrong',
    `${id}: status ${view?.status ?? 'none'}, expected ${expectedStatus ?? 'none'}`,
  );
  verdict.check(view?.license_consumed !== true, 'double-consumed', `${id}: holds a licence`);
}

export interface Ledger {
  used: number;
  total: number;
  bundledUsed: number;
  /** Devices whose record says license_consumed. */
  consumedRows: number;
  managed: number;
}

/**
 * Customer-wide invariants: licences `used` equals the devices holding one; nobody half-enrolled
 * (MANAGED without a licence unless bundled, or a licence held while not MANAGED).
 */
export async function checkLedger(
  client: StubClient,
  admin: string,
  verdict: Verdict,
  customer = DEMO_CUSTOMER,
): Promise<Ledger> {
  const [licences, views] = await Promise.all([
    client.licenses(admin, customer),
    deviceViews(client, admin, customer),
  ]);
  const all = [...views.values()];
  const consumedRows = all.filter((d) => d.license_consumed).length;
  const { used, total } = licences.chrome_enterprise_upgrade;
  verdict.check(
    used === consumedRows,
    used > consumedRows ? 'double-consumed' : 'lost',
    `${customer}: licences used ${used} ≠ ${consumedRows} devices holding one`,
  );
  for (const d of all) {
    if (d.status === 'MANAGED' && !d.license_consumed && !d.bundled_license)
      verdict.add('lost', `${d.device_id}: MANAGED without a licence`);
    if (d.license_consumed && d.status !== 'MANAGED')
      verdict.add('double-consumed', `${d.device_id}: holds a licence while ${d.status}`);
  }
  const managed = all.filter((d) => d.status === 'MANAGED').length;
  const bundledUsed = all.filter((d) => d.status === 'MANAGED' && d.bundled_license).length;
  verdict.check(
    licences.bundled.used === bundledUsed,
    'wrong',
    `${customer}: bundled.used ${licences.bundled.used} ≠ ${bundledUsed} managed bundled devices`,
  );
  return { used, total, bundledUsed, consumedRows, managed };
}

/**
 * The licence counter moved by exactly the licences our devices hold: no licence went to anything
 * else (a device counted twice, a refused or half-enrolled one). Returns the growth.
 */
export async function checkLicenceGrowth(
  client: StubClient,
  admin: string,
  usedAtStart: number,
  devices: readonly ChaosDevice[],
  verdict: Verdict,
  customer = DEMO_CUSTOMER,
): Promise<number> {
  const [licences, views] = await Promise.all([
    client.licenses(admin, customer),
    deviceViews(client, admin, customer),
  ]);
  const held = devices.filter((d) => views.get(d.id)?.license_consumed === true).length;
  const grown = licences.chrome_enterprise_upgrade.used - usedAtStart;
  if (grown > held)
    verdict.add('double-consumed', `licences used grew by ${grown}, our devices hold ${held}`, grown - held);
  if (grown < held) verdict.add('wrong', `licences used grew by ${grown}, our devices hold ${held}`);
  return grown;
}

/**
 * How every campaign ends: the stub's ledger checked (nobody half-enrolled), and, given the campaign's
 * devices, the licence growth (none double-consumed, none lost); then the tally's result.
 */
export async function finishWithLedger(
  tally: Tally,
  stub: { client: StubClient; admin: string },
  licences?: { usedAtStart: number; devices: readonly ChaosDevice[] },
): Promise<ReturnType<Tally['result']>> {
  const ledger = new Verdict();
  await checkLedger(stub.client, stub.admin, ledger);
  if (licences) {
    tally.figures.licencesUsed = await checkLicenceGrowth(
      stub.client,
      stub.admin,
      licences.usedAtStart,
      licences.devices,
      ledger,
    );
  }
  tally.global('ledger', ledger);
  return tally.result();
}
