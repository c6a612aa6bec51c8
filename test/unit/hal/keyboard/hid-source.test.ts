import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isKeyboardSourceError } from '../../../../hal/backends/keyboard/errors.ts';
import {
  createHidSource,
  type HidDeviceFactory,
  type HidDeviceInfo,
  type HidReportDevice,
} from '../../../../hal/backends/keyboard/hid.ts';
import { HID_MOD_LEFT_ALT, HID_USAGE_V } from '../../../../hal/backends/keyboard/hid-report.ts';
import type { AltVEvent } from '../../../../hal/interface.ts';

class FakeKeyboard extends EventEmitter implements HidReportDevice {
  closed = false;
  close(): void {
    this.closed = true;
  }
  report(...bytes: number[]): void {
    this.emit('data', Buffer.from(bytes));
  }
}

const KEYBOARD: HidDeviceInfo = {
  path: '/dev/hidraw0',
  vendorId: 0x046d,
  productId: 0xc31c,
  usagePage: 1,
  usage: 6,
};
const MOUSE: HidDeviceInfo = {
  path: '/dev/hidraw1',
  vendorId: 0x046d,
  productId: 0xc077,
  usagePage: 1,
  usage: 2,
};

function factory(devices: HidDeviceInfo[], opened = new Map<string, FakeKeyboard>()): HidDeviceFactory {
  return {
    devices: async () => devices,
    open: async (path) => {
      const keyboard = new FakeKeyboard();
      opened.set(path, keyboard);
      return keyboard;
    },
  };
}

describe('HID keyboard source', () => {
  it('emits ALT_V on the report where V goes down with Alt held, once', async () => {
    const opened = new Map<string, FakeKeyboard>();
    const source = createHidSource({ factory: factory([MOUSE, KEYBOARD], opened) });
    expect(source.name).toBe('hid');
    expect(await source.availability()).toEqual({ available: true });
    const events: AltVEvent[] = [];
    const stop = await source.start((e) => events.push(e));
    expect([...opened.keys()]).toEqual(['/dev/hidraw0']); // the mouse is left alone
    const keyboard = opened.get('/dev/hidraw0') as FakeKeyboard;
    keyboard.report(HID_MOD_LEFT_ALT, 0, 0, 0, 0, 0, 0, 0);
    keyboard.report(HID_MOD_LEFT_ALT, 0, HID_USAGE_V, 0, 0, 0, 0, 0);
    keyboard.report(HID_MOD_LEFT_ALT, 0, HID_USAGE_V, 0, 0, 0, 0, 0);
    expect(events).toEqual([{ type: 'ALT_V', source: 'hid' }]);
    await stop();
    expect(keyboard.closed).toBe(true);
  });

  it('strips a leading report ID when told reports are numbered', async () => {
    const opened = new Map<string, FakeKeyboard>();
    const events: AltVEvent[] = [];
    await createHidSource({ factory: factory([KEYBOARD], opened), reportId: true }).start((e) =>
      events.push(e),
    );
    opened.get('/dev/hidraw0')?.report(1, HID_MOD_LEFT_ALT, 0, HID_USAGE_V, 0, 0, 0, 0, 0);
    expect(events).toHaveLength(1);
  });

  it('is unavailable, with the loader’s reason, when node-hid cannot load', async () => {
    const source = createHidSource({
      loadFactory: async () => {
        throw new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory');
      },
    });
    const availability = await source.availability();
    expect(availability).toEqual({ available: false, reason: expect.stringContaining('libusb-1.0.so.0') });
    const error = await source.start(() => undefined).catch((e: unknown) => e);
    expect(isKeyboardSourceError(error, 'unavailable')).toBe(true);
  });

  it('is unavailable with no-device when there is no keyboard', async () => {
    const source = createHidSource({ factory: factory([MOUSE]) });
    expect((await source.availability()).available).toBe(false);
    const error = await source.start(() => undefined).catch((e: unknown) => e);
    expect(isKeyboardSourceError(error, 'no-device')).toBe(true);
  });

  it('rejects with open-failed when no keyboard can be opened', async () => {
    const source = createHidSource({
      factory: {
        devices: async () => [KEYBOARD],
        open: async () => {
          throw new Error('cannot open device with path /dev/hidraw0');
        },
      },
    });
    const error = await source.start(() => undefined).catch((e: unknown) => e);
    expect(isKeyboardSourceError(error, 'open-failed')).toBe(true);
  });
});
