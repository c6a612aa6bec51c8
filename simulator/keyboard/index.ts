// Simulated keyboards for a device tree (DESIGN §3 Alt+V sources): an evdev keyboard is a FIFO at
// ROOT/dev/input/eventN carrying real 24-byte `struct input_event`s (with the sysfs capabilities a
// kernel keyboard has), and a HID keyboard is a node-hid look-alike emitting boot reports. Both press
// Alt+V the way the hardware reports it.

import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { constants } from 'node:fs';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  EV_KEY,
  EV_SYN,
  encodeInputEvent,
  KEY_LEFTALT,
  KEY_PRESS,
  KEY_RELEASE,
  KEY_RIGHTALT,
  KEY_V,
} from '../../hal/backends/keyboard/evdev-parser.ts';
import { HID_MOD_LEFT_ALT, HID_MOD_RIGHT_ALT, HID_USAGE_V } from '../../hal/backends/keyboard/hid-report.ts';
import type { HidDeviceFactory, HidDeviceInfo, HidReportDevice } from '../../hal/backends/keyboard/index.ts';

export type AltKey = 'left' | 'right';

/** The events a keyboard sends for Alt+V: Alt down, V down, V up, Alt up, each followed by a SYN_REPORT. */
export function evdevAltVBytes(alt: AltKey = 'left'): Buffer {
  const altCode = alt === 'left' ? KEY_LEFTALT : KEY_RIGHTALT;
  const key = (code: number, value: number) => [
    encodeInputEvent({ type: EV_KEY, code, value, seconds: 1_764_000_000, microseconds: 1 }),
    encodeInputEvent({ type: EV_SYN, code: 0, value: 0 }),
  ];
  return Buffer.concat([
    ...key(altCode, KEY_PRESS),
    ...key(KEY_V, KEY_PRESS),
    ...key(KEY_V, KEY_RELEASE),
    ...key(altCode, KEY_RELEASE),
  ]);
}

/**
 * A keyboard's `capabilities/key` bitmap on a 64-bit kernel: every key of the first word (letters,
 * digits, Alt…) and KEY_RIGHTALT in the second. A mouse's bitmap would lack KEY_V.
 */
export const KEYBOARD_KEY_CAPABILITIES = `${(1n << BigInt(KEY_RIGHTALT - 64)).toString(16)} fffffffffffffffe`;

export interface SimulatedEvdevKeyboard {
  /** ROOT/dev/input/eventN */
  path: string;
  /** Writes `bytes` (default: one Alt+V) into the device; buffered until the agent reads them. */
  press(bytes?: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/**
 * Adds an evdev keyboard to a device tree: a FIFO at ROOT/dev/input/event<index> plus its sysfs
 * capabilities. The simulator holds the FIFO open read-write, so presses are buffered by the kernel
 * until the agent opens the device, and the agent's reads never see end-of-file.
 */
export async function attachEvdevKeyboard(
  root: string,
  options: { index?: number; capabilities?: string | null } = {},
): Promise<SimulatedEvdevKeyboard> {
  const name = `event${options.index ?? 0}`;
  const path = join(root, 'dev/input', name);
  await mkdir(join(root, 'dev/input'), { recursive: true });
  await promisify(execFile)('mkfifo', ['-m', '0660', path]);
  const capabilities = options.capabilities === undefined ? KEYBOARD_KEY_CAPABILITIES : options.capabilities;
  if (capabilities !== null) {
    const dir = join(root, 'sys/class/input', name, 'device/capabilities');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'key'), `${capabilities}\n`);
  }
  const handle = await open(path, constants.O_RDWR);
  return {
    path,
    async press(bytes = evdevAltVBytes()) {
      await handle.write(bytes);
    },
    close: () => handle.close(),
  };
}

/** A HID boot report: modifier byte, reserved byte, six usage slots. */
export function bootReport(modifiers: number, ...usages: number[]): Buffer {
  const report = Buffer.alloc(8);
  report[0] = modifiers;
  usages.slice(0, 6).forEach((usage, i) => {
    report[2 + i] = usage;
  });
  return report;
}

/** The reports a boot keyboard sends for Alt+V: Alt, Alt+V, Alt, nothing. */
export function hidAltVReports(alt: AltKey = 'left'): Buffer[] {
  const mod = alt === 'left' ? HID_MOD_LEFT_ALT : HID_MOD_RIGHT_ALT;
  return [bootReport(mod), bootReport(mod, HID_USAGE_V), bootReport(mod), bootReport(0)];
}

export interface SimulatedHidBus {
  /** Stands in for node-hid: lists the keyboards and opens them. */
  factory: HidDeviceFactory;
  /** Sends reports (default: one Alt+V) from every open keyboard. */
  press(reports?: readonly Buffer[]): void;
  /** How many keyboards are open right now. */
  openCount(): number;
  /** Resolves once `count` keyboards are open (the agent is listening). */
  opened(count?: number): Promise<void>;
}

/** A USB bus with HID boot keyboards (usage page 1, usage 6), as node-hid would list them. */
export function simulatedHidBus(
  devices: readonly HidDeviceInfo[] = [
    {
      path: '/dev/hidraw0',
      vendorId: 0x046d,
      productId: 0xc31c,
      product: 'USB Keyboard',
      usagePage: 1,
      usage: 6,
    },
  ],
): SimulatedHidBus {
  const open = new Set<EventEmitter>();
  const events = new EventEmitter();
  return {
    factory: {
      devices: async () => devices.map((d) => ({ ...d })),
      async open(path): Promise<HidReportDevice> {
        if (!devices.some((d) => d.path === path)) throw new Error(`cannot open ${path}`);
        const device = new EventEmitter();
        open.add(device);
        events.emit('opened');
        return Object.assign(device, {
          close() {
            open.delete(device);
          },
        });
      },
    },
    press(reports = hidAltVReports()) {
      for (const device of open) for (const report of reports) device.emit('data', Buffer.from(report));
    },
    openCount: () => open.size,
    opened(count = 1) {
      return new Promise((resolve) => {
        const check = () => {
          if (open.size < count) return;
          events.off('opened', check);
          resolve();
        };
        events.on('opened', check);
        check();
      });
    },
  };
}
