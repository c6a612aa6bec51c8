// Alt+V from HID boot keyboard reports via node-hid. node-hid is native and optional: it is loaded on
// first use with `await import('node-hid')`, and when it cannot load (e.g. `libusb-1.0.so.0` missing)
// the source says so through `availability()` instead of crashing the agent.

import type { AltVEvent, Availability, KeyboardSource } from '../../interface.ts';
import { KeyboardSourceError } from './errors.ts';
import { HidAltVDetector } from './hid-report.ts';

/** What we need to know of a HID device (a subset of node-hid's `Device`). */
export interface HidDeviceInfo {
  path?: string;
  vendorId: number;
  productId: number;
  product?: string;
  usagePage?: number;
  usage?: number;
}

/** An open HID device emitting input reports. */
export interface HidReportDevice {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void> | void;
}

/** Lists and opens HID devices: node-hid in production, anything in tests and the simulator. */
export interface HidDeviceFactory {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidReportDevice>;
}

export interface HidSourceOptions {
  /** Use this factory instead of node-hid. */
  factory?: HidDeviceFactory;
  /** How to obtain the factory when none is given (default: lazy node-hid). */
  loadFactory?: () => Promise<HidDeviceFactory>;
  /** Which devices are keyboards (default: usage page 1 Generic Desktop, usage 6 Keyboard). */
  isKeyboard?: (device: HidDeviceInfo) => boolean;
  /** Reports start with a report-ID byte (numbered reports); it is stripped before parsing. */
  reportId?: boolean;
}

/** Generic Desktop / Keyboard. */
export function isHidKeyboard(device: HidDeviceInfo): boolean {
  return device.usagePage === 0x01 && device.usage === 0x06;
}

export async function loadNodeHidFactory(): Promise<HidDeviceFactory> {
  const hid = await import('node-hid');
  return {
    devices: () => hid.devicesAsync(),
    open: (path) => hid.HIDAsync.open(path),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createHidSource(options: HidSourceOptions = {}): KeyboardSource {
  const isKeyboard = options.isKeyboard ?? isHidKeyboard;
  const load = options.loadFactory ?? loadNodeHidFactory;
  let factory: Promise<HidDeviceFactory> | null = options.factory ? Promise.resolve(options.factory) : null;

  /** The keyboards, or a coded reason why there are none. */
  async function keyboards(): Promise<HidDeviceInfo[] | KeyboardSourceError> {
    factory ??= load();
    let found: HidDeviceInfo[];
    try {
      found = (await (await factory).devices()).filter((device) => device.path && isKeyboard(device));
    } catch (error) {
      factory = null; // a later call may succeed (library installed, permissions fixed)
      return new KeyboardSourceError('hid', 'unavailable', `node-hid cannot be used: ${describe(error)}`, {
        cause: error,
      });
    }
    if (found.length === 0) return new KeyboardSourceError('hid', 'no-device', 'no HID keyboard found');
    return found;
  }

  return {
    name: 'hid',

    async availability(): Promise<Availability> {
      const found = await keyboards();
      return found instanceof KeyboardSourceError
        ? { available: false, reason: found.message }
        : { available: true };
    },

    async start(onAltV: (event: AltVEvent) => void): Promise<() => Promise<void>> {
      const found = await keyboards();
      if (found instanceof KeyboardSourceError) throw found;
      const hid = await (factory ?? load());
      const opened: HidReportDevice[] = [];
      const failures: string[] = [];
      for (const device of found) {
        const path = device.path ?? '';
        try {
          const handle = await hid.open(path);
          const detector = new HidAltVDetector();
          handle.on('data', (report) => {
            const bytes = options.reportId ? report.subarray(1) : report;
            if (detector.push(bytes)) onAltV({ type: 'ALT_V', source: 'hid' });
          });
          handle.on('error', () => {
            // The keyboard went away; the others keep working.
          });
          opened.push(handle);
        } catch (error) {
          failures.push(`${device.product ?? path}: ${describe(error)}`);
        }
      }
      if (opened.length === 0) {
        throw new KeyboardSourceError(
          'hid',
          'open-failed',
          `cannot open any HID keyboard (${failures.join('; ')})`,
        );
      }
      return async () => {
        await Promise.all(opened.map(async (handle) => handle.close()));
      };
    },
  };
}
