// A simulated SMART Board display for any SMART series of the catalog (MX V2/V3, 6000S, 7000R and
// their Pro versions): what its RS-232 control port answers (DESIGN §3: `get serialnum|modelnum|
// fwversion|partnum|powerstate`), its touch controller on USB (SMART Technologies, vendor 0x0b8c)
// whose serial equals the display's, and the identity the agent must derive from them. Identity
// faults make the two disagree, silence the port or garble its answers. Plain data only: a profile
// crosses worker_threads and goes into the fleet's report as it is.

import { SMART_DISPLAY_MODELS } from '../../agent/catalog/index.ts';
import type { CatalogEntry } from '../../agent/catalog/types.ts';
import type { SmartPowerState } from '../../hal/interface.ts';
import type { DeviceTreeSpec } from '../device-tree.ts';
import type { SmartDialectName } from '../smart-display/dialects.ts';
import type { DisplayResponderOptions } from '../smart-display/responder.ts';
import { randomMac, randomString } from './random.ts';

/** SMART Technologies' USB vendor id (the touch controller). */
export const SMART_USB_VENDOR = 0x0b8c;

/**
 * Faults of the display's identity as the agent sees it, and what the agent decides (DESIGN §4):
 * - `touch-serial-mismatch`: the touch controller reports another display's serial → identity-mismatch
 * - `soft-off`: the port stays silent (no prompt) → missing-serial, after the prompt time-out (3 s)
 * - `garbled-serial`: `get serialnum` is answered with noise → missing-serial
 * - `empty-serial`: `serialnum=` with no value → missing-serial
 * - `unknown-model`: a model number no SMART series lists → model-not-listed
 */
export type SmartIdentityFault =
  | 'touch-serial-mismatch'
  | 'soft-off'
  | 'garbled-serial'
  | 'empty-serial'
  | 'unknown-model';

export const SMART_IDENTITY_FAULTS: readonly SmartIdentityFault[] = [
  'touch-serial-mismatch',
  'soft-off',
  'garbled-serial',
  'empty-serial',
  'unknown-model',
];

export interface SmartDisplayOptions {
  /** One of the series' codes (upper-case as listed, e.g. `SBID-MX065-V2`); default: a random one. */
  variantCode?: string;
  powerState?: SmartPowerState;
  fault?: SmartIdentityFault;
  /** Harmless quirks real firmwares show (power-on garbage, `#` messages, LF endings…); default random. */
  quirks?: boolean;
  /** No touch controller on USB (a display whose USB-B cable is not plugged into the computer). */
  withoutTouchController?: boolean;
  /** How the port answers identity commands outside ON/READY (see DisplayResponderOptions.refusal). */
  refusal?: 'invalid-cmd' | 'silent';
  /** `get powerstate` answers the old state this many times after `set powerstate=on`. */
  powerTransitionReads?: number;
}

export interface SmartDisplayProfile {
  entry: CatalogEntry;
  /** What `get modelnum` answers: the listed code in lower case, e.g. `sbid-mx065-v2`. */
  modelNumber: string;
  serialNumber: string;
  firmwareVersion: string;
  partNumber: string;
  powerState: SmartPowerState;
  /** The USB serial of the touch controller, null when none is plugged in. */
  touchSerial: string | null;
  fault: SmartIdentityFault | null;
  /** The display's side of the RS-232 conversation (give it to createMockDisplayPort / startPtyDisplay). */
  responder: DisplayResponderOptions;
  /** The computer's filesystem root: the touch controller under /sys/bus/usb and its network. */
  spec: DeviceTreeSpec;
  /** What identify must answer for the genuine display (the ID a SMART invoice lists). */
  expected: { serialNumber: string; certifiedDeviceId: string };
}

interface SeriesTraits {
  serialPrefix: string;
  firmwareMajor: string;
  usbProductId: number;
  /** States a display of the series is found in by default: those that answer identity commands. */
  powerStates: readonly SmartPowerState[];
  /** Its RS-232 dialect (simulator/smart-display/dialects.ts; references in hal/README.md). */
  dialect: SmartDialectName;
}

// Every series here speaks the V2/V3 dialect: MX (V2) and MX (V3) per the MX (V3, V2, V2-C) reference,
// 6000S (V3) per its own; the 7000R's was not found and is assumed to be the same (hal/README.md).
// They answer identity commands in ON and READY only (standby, powersave and firmware updates refuse).
const SERVING_STATES: readonly SmartPowerState[] = ['on', 'ready'];

const TRAITS: Readonly<Record<string, SeriesTraits>> = {
  'SMART Board MX (V2)': {
    serialPrefix: 'SBMX2',
    firmwareMajor: '2.1',
    usbProductId: 0x0350,
    powerStates: SERVING_STATES,
    dialect: 'v2-v3',
  },
  'SMART Board MX (V3)': {
    serialPrefix: 'SBMX3',
    firmwareMajor: '3.3',
    usbProductId: 0x0351,
    powerStates: SERVING_STATES,
    dialect: 'v2-v3',
  },
  'SMART Board 6000S (V3)': {
    serialPrefix: 'SB6S3',
    firmwareMajor: '3.4',
    usbProductId: 0x0360,
    powerStates: SERVING_STATES,
    dialect: 'v2-v3',
  },
  'SMART Board 6000S Pro (V3)': {
    serialPrefix: 'SB6P3',
    firmwareMajor: '3.4',
    usbProductId: 0x0361,
    powerStates: SERVING_STATES,
    dialect: 'v2-v3',
  },
  'SMART Board 7000R': {
    serialPrefix: 'SB7R',
    firmwareMajor: '1.8',
    usbProductId: 0x0370,
    powerStates: SERVING_STATES,
    dialect: 'v2-v3',
  },
  'SMART Board 7000R Pro': {
    serialPrefix: 'SB7P',
    firmwareMajor: '1.8',
    usbProductId: 0x0371,
    powerStates: SERVING_STATES,
    dialect: 'v2-v3',
  },
};

const DEFAULT_TRAITS: SeriesTraits = {
  serialPrefix: 'SB',
  firmwareMajor: '1.0',
  usbProductId: 0x0300,
  powerStates: SERVING_STATES,
  dialect: 'v2-v3',
};

/** A model number no SMART series lists (an interactive display of another maker's OEM line). */
export const UNLISTED_SMART_MODEL = 'sbid-8084i-g5';

/** Diagnostic noise some firmwares print on the port as they boot, before the first `>`. */
const POWER_ON_GARBAGE = '\u0000\u00ff\u00feBOOT v1.02 scaler init ...\r\n@@@\u0007\r\nOK\r\n';

const pick = <T>(random: () => number, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
};

export function smartDisplayProfile(
  entry: CatalogEntry,
  random: () => number,
  options: SmartDisplayOptions = {},
): SmartDisplayProfile {
  if (entry.idKind !== 'smart-serial') throw new Error(`${entry.name} is not a SMART display`);
  const traits = TRAITS[entry.name] ?? DEFAULT_TRAITS;
  const code = options.variantCode ?? pick(random, entry.variantCodes);
  if (!entry.variantCodes.includes(code)) throw new Error(`${code} is not a code of ${entry.name}`);
  const modelNumber = code.toLowerCase();
  const serialNumber = `${traits.serialPrefix}${randomString(random, 10)}`;
  const firmwareVersion = `${traits.firmwareMajor}.${100 + Math.floor(random() * 900)}.0`;
  const partNumber = String(1_020_000 + Math.floor(random() * 30_000));
  const powerState = options.powerState ?? pick(random, traits.powerStates);
  const fault = options.fault ?? null;
  const quirks = options.quirks ?? random() < 0.5;

  const responder: DisplayResponderOptions = {
    serialNumber,
    modelNumber,
    firmwareVersion,
    partNumber,
    powerState,
    dialect: traits.dialect,
  };
  if (options.refusal !== undefined) responder.refusal = options.refusal;
  if (options.powerTransitionReads !== undefined)
    responder.powerTransitionReads = options.powerTransitionReads;
  if (quirks) {
    responder.powerOnGarbage = POWER_ON_GARBAGE;
    if (random() < 0.5) responder.asyncMessages = [`#powerstate=${powerState}`];
    if (random() < 0.3) responder.lineEnding = '\n';
    if (random() < 0.3) responder.upperCaseReplies = true;
    if (random() < 0.3) responder.unsupportedFields = ['partnum'];
  }

  let touchSerial: string | null = options.withoutTouchController ? null : serialNumber;
  switch (fault) {
    case 'touch-serial-mismatch':
      touchSerial = `${traits.serialPrefix}${randomString(random, 10)}`;
      break;
    case 'soft-off':
      responder.softOff = true;
      break;
    case 'garbled-serial':
      responder.replyOverrides = { serialnum: '~\u00b7\u00b7 #@!' };
      break;
    case 'empty-serial':
      responder.replyOverrides = { serialnum: 'serialnum=' };
      break;
    case 'unknown-model':
      responder.modelNumber = UNLISTED_SMART_MODEL;
      break;
    case null:
      break;
  }

  const spec: DeviceTreeSpec = {
    dmi: { sys_vendor: 'SMART Technologies', product_name: code },
    net: [{ name: 'eth0', address: randomMac(random) }],
    usb: [
      // A hub first, as on the real computer module: the agent must pick the SMART device by vendor.
      { id: '1-1', vendorId: 0x1d6b, productId: 0x0002, product: 'xHCI Host Controller' },
      ...(touchSerial === null
        ? []
        : [
            {
              id: '1-4',
              vendorId: SMART_USB_VENDOR,
              productId: traits.usbProductId,
              serial: touchSerial,
              product: 'SMART Board touch controller',
            },
          ]),
    ],
  };

  return {
    entry,
    modelNumber: responder.modelNumber,
    serialNumber,
    firmwareVersion,
    partNumber,
    powerState,
    touchSerial,
    fault,
    responder,
    spec,
    expected: { serialNumber, certifiedDeviceId: serialNumber },
  };
}

/** The SMART series rows of the catalog (the fleet's SMART device classes). */
export const SMART_SERIES: readonly CatalogEntry[] = SMART_DISPLAY_MODELS;
