// `fleet replay BUNDLE`: reproduce a field failure from the diagnostics bundle a technician exported
// (Alt+V → export, agent/diagnostics/export.ts). The bundle holds the identity report, the network
// interfaces, the live server answer, the state timeline, the last error and the state file; from them
// a simulated device is rebuilt whose sysfs tree gives the same identity (and the same identity
// faults), the stub is set up the way the server answered (pre-provisioned or not, bundled licence,
// no licences, revoked token, SMART assignment…), and the real agent boots once. Reproduced when it
// ends as the field device did. With `--server URL` the device boots against that server as it is.
//
// What a bundle cannot tell (it is not in it): the server URL the device used, the exact bytes of a
// malformed serial, the RS-232 model number of a SMART display (the series is known, the code is not).

import { readFile } from 'node:fs/promises';
import { CATALOG, DERIVED_MODELS, SMART_DISPLAY_MODELS } from '../../agent/catalog/index.ts';
import type { CatalogEntry, DeviceClass, IdKind } from '../../agent/catalog/types.ts';
import { BUNDLE_KIND, type Bundle } from '../../agent/diagnostics/export.ts';
import type { IdentityReport } from '../../agent/identity/report.ts';
import { describeFlowState } from '../../agent/machine/view.ts';
import type { NetInterfaceDescription } from '../device-tree.ts';
import { SMART_USB_VENDOR } from '../profiles/smart-display.ts';
import { CPU_N305, deviceName } from '../scenarios/build.ts';
import { mixSeed } from '../scenarios/index.ts';
import type { ChromeHardware, DevicePlan, Expected, FleetToken, SmartHardware } from '../scenarios/types.ts';
import { type FleetRun, runFleet } from './run.ts';

export class ReplayError extends Error {
  override readonly name = 'ReplayError';
}

export interface ReplayPlan {
  plan: DevicePlan;
  /** What the field device ended with (null when the bundle was exported mid-way). */
  expected: Expected | null;
  /** What could not be carried over exactly. */
  notes: string[];
}

export async function readBundle(path: string): Promise<Bundle> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ReplayError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const b = parsed as Partial<Bundle>;
  if (b.kind !== BUNDLE_KIND || typeof b.diagnostics !== 'object' || b.diagnostics === null) {
    throw new ReplayError(`${path}: not a zte-agent diagnostics bundle (kind ${JSON.stringify(b.kind)})`);
  }
  return b as Bundle;
}

const reasonCodes = (identity: IdentityReport | null) =>
  new Set((identity?.reasons ?? []).map((r) => r.code));

/** The outcome the field device ended with, from its flow state, last error and state file. */
export function expectedFromBundle(bundle: Bundle): Expected | null {
  const d = bundle.diagnostics;
  const stateFile = (bundle.stateFile ?? {}) as {
    manual?: { reason?: string };
    managed?: { managementDomain?: string };
  };
  const flow = describeFlowState(d.state);
  if (flow?.outcome === 'managed') return { outcome: 'managed', reason: null };
  if (flow?.screen === 'clock') return { outcome: 'error', reason: 'clock' };
  if (flow?.screen === 'error') return { outcome: 'error', reason: d.lastError?.code ?? null };
  if (flow?.outcome === 'manual') {
    const reason =
      stateFile.manual?.reason ??
      d.identity?.reasons[0]?.code ??
      (d.server.preProvisioned === false ? 'not-pre-provisioned' : null);
    return { outcome: 'manual', reason: reason ?? null };
  }
  return null;
}

function chromeEntry(identity: IdentityReport): { entry: CatalogEntry | null; cpuModel: string | undefined } {
  const derived = DERIVED_MODELS.find((m) => m.name === identity.model);
  const name = derived?.baseName ?? identity.model;
  return { entry: CATALOG.find((e) => e.name === name) ?? null, cpuModel: derived ? CPU_N305 : undefined };
}

function netFromBundle(bundle: Bundle, fallbackMac: string): NetInterfaceDescription[] {
  const net = bundle.diagnostics.network
    .filter((n) => n.mac !== null && /^[a-z0-9]{1,15}$/i.test(n.name))
    .map((n) => ({
      name: n.name,
      address: n.mac ?? fallbackMac,
      type: n.type ?? 1,
      operstate: n.operstate ?? 'up',
      virtual: n.virtual,
      wireless: n.wireless,
    }));
  return net.length > 0 ? net : [{ name: 'eth0', address: fallbackMac }];
}

const macOf = (hex12: string) => hex12.toLowerCase().match(/../g)?.join(':') ?? '02:00:00:00:00:01';

function chromeHardware(
  bundle: Bundle,
  identity: IdentityReport,
  notes: string[],
): { hardware: ChromeHardware; entry: CatalogEntry | null } {
  const { entry, cpuModel } = chromeEntry(identity);
  const codes = reasonCodes(identity);
  const serial = identity.serialNumber;
  const cdi = identity.certifiedDeviceId;
  const idKind: IdKind = (identity.idKind as IdKind | null) ?? 'serial-number';
  const vpd: NonNullable<ChromeHardware['spec']['vpd']> = {
    model_name: identity.model ?? 'Unlisted Chromebook (ZZ999)',
  };
  const dmi: NonNullable<ChromeHardware['spec']['dmi']> = {
    sys_vendor: identity.manufacturer ?? 'Unknown',
    product_name: 'Board',
  };
  if (identity.manufactureDate !== null) vpd.mfg_date = identity.manufactureDate;
  let mac = '02:00:5e:00:00:01';
  if (serial !== null) {
    vpd.serial_number = serial;
    dmi.product_serial = serial;
  } else if (codes.has('invalid-identifier')) {
    vpd.serial_number = 'SN\u00c9\u00df0000';
    dmi.product_serial = 'SN\u00c9\u00df0000';
    notes.push('the malformed serial is not in the bundle: a non-ASCII one stands in for it');
  }
  const idValue = cdi ?? '';
  switch (idKind) {
    case 'asus-certified-id':
      if (cdi !== null) vpd.attested_device_id = cdi;
      break;
    case 'lenovo-1s-mtm-serial':
      if (cdi !== null && serial !== null && cdi.startsWith('1S') && cdi.endsWith(serial)) {
        dmi.product_name = cdi.slice(2, cdi.length - serial.length);
        dmi.product_version = identity.model ?? '';
        vpd.attested_device_id = cdi;
      }
      break;
    case 'lenovo-1s-origin-mac': {
      const m = /^1S(?:C1KS|C1VM)([0-9A-F]{12})$/.exec(idValue);
      if (m?.[1] !== undefined) {
        vpd.attested_device_id = idValue;
        mac = macOf(m[1]);
      }
      break;
    }
    default:
      break;
  }
  if (codes.has('identity-mismatch') && vpd.attested_device_id === undefined && serial !== null) {
    vpd.attested_device_id = `X${serial}`;
    notes.push(
      'the attested device ID that did not match is not in the bundle: a different one stands in for it',
    );
  }
  const net = netFromBundle(bundle, mac);
  if (
    idKind === 'lenovo-1s-origin-mac' &&
    !codes.has('identity-mismatch') &&
    !net.some((n) => n.address.toLowerCase() === mac)
  ) {
    net.unshift({ name: 'eth0', address: mac });
  }
  return {
    entry,
    hardware: {
      kind: 'chrome',
      spec: {
        dmi,
        vpd,
        net,
        ...(cpuModel ? { cpuModel } : { cpuModel: 'Intel(R) Celeron(R) N4500 @ 1.10GHz' }),
      },
      idKind,
      identity: { serialNumber: serial ?? '', certifiedDeviceId: cdi ?? serial ?? '' },
    },
  };
}

function smartHardware(
  bundle: Bundle,
  identity: IdentityReport,
  notes: string[],
): { hardware: SmartHardware; entry: CatalogEntry | null } {
  const entry = SMART_DISPLAY_MODELS.find((e) => e.name === identity.model) ?? null;
  const codes = reasonCodes(identity);
  const modelNumber = codes.has('model-not-listed')
    ? 'sbid-8084i-g5'
    : (entry?.variantCodes[0] ?? 'SBID-MX065-V2').toLowerCase();
  notes.push(`the display's RS-232 model number is not in the bundle: ${modelNumber} stands in for it`);
  const serial = identity.serialNumber ?? '';
  const responder: SmartHardware['responder'] = {
    serialNumber: serial,
    modelNumber,
    firmwareVersion: '3.3.100.0',
    partNumber: '1020000',
    powerState: 'on',
  };
  if (serial === '') responder.replyOverrides = { serialnum: 'serialnum=' };
  const touch = codes.has('identity-mismatch') ? `X${serial}` : serial;
  return {
    entry,
    hardware: {
      kind: 'smart',
      spec: {
        dmi: { sys_vendor: 'SMART Technologies', product_name: modelNumber.toUpperCase() },
        net: netFromBundle(bundle, '02:00:5e:00:00:02'),
        usb:
          serial === ''
            ? []
            : [
                {
                  id: '1-4',
                  vendorId: SMART_USB_VENDOR,
                  productId: 0x0350,
                  serial: touch,
                  product: 'SMART Board touch controller',
                },
              ],
      },
      responder,
      modelNumber,
      identity: { serialNumber: serial, certifiedDeviceId: serial },
    },
  };
}

/** A device plan that boots like the device of the bundle, with the server set up as it answered. */
export function planFromBundle(bundle: Bundle): ReplayPlan {
  const d = bundle.diagnostics;
  const identity = d.identity;
  if (identity === null)
    throw new ReplayError('the bundle has no identity report (exported before the agent read the hardware)');
  const notes: string[] = [];
  const expected = expectedFromBundle(bundle);
  const smart = identity.deviceClass === 'smart-display';
  const built = smart ? smartHardware(bundle, identity, notes) : chromeHardware(bundle, identity, notes);
  const errorCode = d.lastError?.code ?? null;
  const deviceClass: DeviceClass = built.entry?.deviceClass ?? identity.deviceClass ?? 'chromebook';
  const plan: DevicePlan = {
    index: 0,
    id: deviceName(0),
    scenario: 'all-models',
    variant: 'replay',
    why: `Replay of ${bundle.exportedAt}: the field device ended in ${d.state}${errorCode ? ` (${errorCode})` : ''}.`,
    manufacturer: identity.manufacturer ?? 'Unknown',
    model: identity.model ?? 'unlisted',
    deviceClass,
    hardware: built.hardware,
    key: smart
      ? { kind: 'none' }
      : errorCode === 'attestation-unavailable' || d.backends['attestation-file']?.startsWith('unavailable')
        ? { kind: 'none' }
        : { kind: 'genuine' },
    preprovision: null,
    smart: null,
    network: { proxyFaults: [], outage: false },
    power: null,
    clock: null,
    jitterSeed: mixSeed(1, 0, 7),
    expected: expected ?? { outcome: 'managed', reason: null },
  };
  if (errorCode === 'clock') {
    const first = d.history[0]?.at;
    plan.clock = { startsAt: first ?? '1970-01-01T00:00:00.000Z' };
  }
  if (smart) {
    const state =
      expected?.outcome === 'managed'
        ? 'assigned'
        : errorCode === 'smart-domain-not-activated'
          ? 'no-credits'
          : 'unassigned';
    if (state === 'assigned') {
      plan.smart = {
        invoice: { id: 'RPL-SA-0', productKey: 'RPL-SA-0', purchasedDaysAgo: 30, credits: 365 },
        redeemBy: 'trial',
      };
      plan.expected = { ...plan.expected, managementDomain: 'fleettrial' };
      if (d.server.managementDomain)
        notes.push(`the field domain ${d.server.managementDomain} is played by the stub's fleettrial`);
    } else if (state === 'no-credits') {
      plan.smart = {
        invoice: { id: 'RPL-TB-0', productKey: 'RPL-TB-0', purchasedDaysAgo: 30, credits: 0 },
        redeemBy: 'expired-bare',
      };
    } else {
      plan.smart = { invoice: null, redeemBy: null };
    }
  } else if (built.hardware.kind === 'chrome' && built.hardware.identity.certifiedDeviceId !== '') {
    const preProvisioned =
      d.server.preProvisioned === true ||
      expected?.outcome === 'managed' ||
      (expected?.outcome === 'error' && errorCode !== 'clock');
    if (preProvisioned) {
      const token: FleetToken =
        errorCode === 'missing-licenses'
          ? 'no-licences'
          : errorCode === 'management-not-supported'
            ? 'revocable'
            : d.server.orgUnitPath === '/Classrooms'
              ? 'classrooms'
              : 'main';
      plan.preprovision = {
        customer: token === 'no-licences' ? 'no-licences' : 'main',
        token,
        model: identity.model ?? '',
        bundled: d.server.licensePackaged === true,
        deviceId: built.hardware.identity.certifiedDeviceId,
        serialNumber: built.hardware.identity.serialNumber,
      };
      if (errorCode === 'management-not-supported')
        notes.push(
          '403 is replayed as a revoked pre-provisioning token (the bundle does not say which 403 it was)',
        );
    }
  }
  return { plan, expected, notes };
}

export interface ReplayResult {
  bundle: string;
  reproduced: boolean;
  expected: Expected | null;
  run: FleetRun;
  notes: string[];
}

export async function replayBundle(
  path: string,
  options: { server?: string | null } = {},
): Promise<ReplayResult> {
  const bundle = await readBundle(path);
  const { plan, expected, notes } = planFromBundle(bundle);
  if (options.server) {
    // A real server keeps its own records: nothing is uploaded or redeemed there.
    plan.preprovision = null;
    plan.smart = null;
    notes.push(`booted against ${options.server} as it is (no setup)`);
  }
  const run = await runFleet({
    scenario: 'all-models',
    devices: 1,
    seed: 1,
    concurrency: 1,
    workers: 1,
    plans: [plan],
    server: options.server ?? null,
  });
  const device = run.devices[0];
  const reproduced = expected !== null && device?.result.passed === true;
  return { bundle: path, reproduced, expected, run, notes };
}
