// The one place that assembles the real HAL of a device (issue 14 item 1): `agent run`, `agent
// identify`, the web and terminal UIs and the device bundle all take their backends from here. Each
// backend says whether it applies to this device (`matches()`: what the root or the host has, never a
// fixed path test) and whether it can work; diagnostics list them all. Nothing is probed or loaded
// until asked: a fleet assembles thousands of devices, and packages (systeminformation) and native
// modules (node-hid, serialport bindings) load only when a backend that applies is used.

import { stat } from 'node:fs/promises';
import { createAttestationFileKeyStore } from '../../hal/backends/attestation-file/index.ts';
import {
  createEvdevSource,
  createHidSource,
  createTerminalSource,
  type EvdevSourceOptions,
  type HidDeviceFactory,
  type TerminalInput,
} from '../../hal/backends/keyboard/index.ts';
import type { SerialBinding } from '../../hal/backends/smart-rs232/index.ts';
import { SysfsBackend } from '../../hal/backends/sysfs/index.ts';
import { SystemInformationBackend } from '../../hal/backends/systeminformation/index.ts';
import type {
  AttestationKeyStore,
  Availability,
  IdentitySnapshot,
  IdentitySource,
  NetworkSource,
  SmartDisplayControl,
} from '../../hal/interface.ts';
import type { DeviceIdentitySources } from '../identity/read-device.ts';
import { createKeyboardHub, type KeyboardHub } from './keyboards.ts';
import type { HalBackend } from './types.ts';

export { type KeyboardHub, SAME_PRESS_WINDOW_MS, statusText } from './keyboards.ts';
export type { HalBackend, HalRole } from './types.ts';

export interface HalOptions {
  /** The directory standing for `/` (DESIGN §3): `/` on a device, a materialised tree in the simulator. */
  root: string;
  /** The SMART display's RS-232 port: given only on SMART displays. */
  smartSerial?: string;
  /** A serialport binding for that port (the simulator's mock); default the real one. */
  smartBinding?: SerialBinding;
  /**
   * The terminal the text UI reads (`--ui terminal`): used whatever it is. Without it the process's
   * standard input is a keyboard source only when it is a terminal.
   */
  terminalInput?: TerminalInput;
  /** Ctrl+C / Ctrl+D on that terminal (default: SIGINT to this process). */
  onInterrupt?: () => void;
  /** HID devices to read instead of node-hid (the simulator's keyboards, tests). */
  hid?: HidDeviceFactory;
  /** evdev polling (interval, timers). */
  evdev?: Pick<EvdevSourceOptions, 'pollIntervalMs' | 'timers'>;
  /** Monotonic milliseconds for telling one press seen by two keyboards from two presses (tests). */
  now?: () => number;
}

export interface DeviceHal {
  readonly root: string;
  /** What `readDeviceIdentity` reads: sysfs, systeminformation when it applies, the SMART display. */
  readonly identity: DeviceIdentitySources;
  readonly network: NetworkSource;
  readonly keyStore: AttestationKeyStore;
  /** Every keyboard the device has, started once for the whole boot. */
  readonly keyboards: KeyboardHub;
  /** Every backend considered, for the `backends` field of diagnostics. */
  readonly backends: readonly HalBackend[];
}

const APPLIES: Availability = { available: true };

/** Whether `root` is this host's own `/` (same device and inode), not another tree standing for it. */
export async function isHostRoot(root: string): Promise<boolean> {
  try {
    const [tree, host] = await Promise.all([stat(root), stat('/')]);
    return tree.dev === host.dev && tree.ino === host.ino;
  } catch {
    return false;
  }
}

function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => {
    value ??= compute();
    return value;
  };
}

const hostOnly = (root: string, what: string) =>
  once(
    async (): Promise<Availability> =>
      (await isHostRoot(root))
        ? APPLIES
        : { available: false, reason: `${what} only the running host; ${root} is another device's tree` },
  );

/** An identity source used only where it applies; its own availability decides after that. */
function gatedIdentitySource(
  source: IdentitySource,
  matches: () => Promise<Availability>,
): IdentitySource & HalBackend {
  return {
    name: source.name,
    role: 'identity-fallback',
    limitations: source.limitations,
    matches,
    async availability() {
      const applies = await matches();
      return applies.available ? source.availability() : applies;
    },
    readIdentity: (): Promise<IdentitySnapshot> => source.readIdentity(),
  };
}

export function assembleHal(options: HalOptions): DeviceHal {
  const { root } = options;
  const sysfs = new SysfsBackend({ root });
  const sysfsBackend: HalBackend = {
    name: sysfs.name,
    role: 'identity',
    matches: () => sysfs.availability(),
    availability: () => sysfs.availability(),
  };

  // systeminformation asks the running host: it backs up sysfs only when the root is the host. The
  // backend loads the package itself on first use, so a simulated device never loads it.
  const systemInformation = gatedIdentitySource(
    new SystemInformationBackend(),
    hostOnly(root, 'systeminformation reads'),
  );

  const identity: DeviceIdentitySources = { primary: sysfs, fallback: systemInformation };
  const backends: HalBackend[] = [sysfsBackend, systemInformation];

  const smartSerial = options.smartSerial;
  const smartMatches = once(async (): Promise<Availability> => {
    if (smartSerial === undefined)
      return { available: false, reason: 'no RS-232 port given (not a SMART display)' };
    if (options.smartBinding) return APPLIES;
    const found = await stat(smartSerial).catch(() => null);
    return found ? APPLIES : { available: false, reason: `${smartSerial}: no such port` };
  });
  backends.push({
    name: 'smart-rs232',
    role: 'smart-display',
    matches: smartMatches,
    availability: smartMatches,
  });
  if (smartSerial !== undefined) {
    identity.openSmartDisplay = async (): Promise<SmartDisplayControl> => {
      const { openSmartDisplay } = await import('../../hal/backends/smart-rs232/index.ts');
      return openSmartDisplay({
        path: smartSerial,
        ...(options.smartBinding ? { binding: options.smartBinding } : {}),
      });
    };
  }

  const keyStore = createAttestationFileKeyStore({ root });
  backends.push({
    name: keyStore.name,
    role: 'attestation',
    matches: async () => APPLIES,
    availability: () => keyStore.availability(),
  });

  const terminal = createTerminalSource({
    ...(options.terminalInput ? { input: options.terminalInput } : {}),
    ...(options.onInterrupt ? { onInterrupt: options.onInterrupt } : {}),
  });
  const keyboards = createKeyboardHub(
    [
      {
        source: createEvdevSource({ root, ...options.evdev }),
        matches: async () => APPLIES, // the source itself looks for readable keyboards under the root
      },
      {
        source: createHidSource(options.hid ? { factory: options.hid } : {}),
        matches: options.hid ? async () => APPLIES : hostOnly(root, 'node-hid sees'),
      },
      { source: terminal, matches: async () => APPLIES },
    ],
    terminal,
    options.now ? { now: options.now } : {},
  );
  backends.push(...keyboards.backends);

  return { root, identity, network: sysfs, keyStore, keyboards, backends };
}
