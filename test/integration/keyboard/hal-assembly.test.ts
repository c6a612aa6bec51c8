// The one HAL assembly: which backends apply to a device (by what its root and the host have), what
// diagnostics say of each, and that keyboards start once and never take the agent down.

import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assembleHal,
  isHostRoot,
  SAME_PRESS_WINDOW_MS,
  statusText,
} from '../../../agent/hal-assembly/index.ts';
import { readDeviceIdentity } from '../../../agent/identity/read-device.ts';
import { materializeDeviceTree } from '../../../simulator/device-tree.ts';
import { attachEvdevKeyboard, simulatedHidBus } from '../../../simulator/keyboard/index.ts';
import { treeDir } from '../../helpers/identity.ts';

const made: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of made) await cleanup();
});
async function root(): Promise<string> {
  const { dir, cleanup } = await treeDir('zte-hal-assembly-');
  made.push(cleanup);
  return dir;
}
async function statuses(hal: ReturnType<typeof assembleHal>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const backend of hal.backends) out[backend.name] = statusText(await backend.availability());
  return out;
}

describe('assembleHal', () => {
  it('on a simulated tree: sysfs only, no host-only backend, and a reason for everything unavailable', async () => {
    const dir = await root();
    await materializeDeviceTree(dir, { dmi: { sys_vendor: 'Google' } });
    const hal = assembleHal({ root: dir, terminalInput: new PassThrough() });
    expect(await isHostRoot(dir)).toBe(false);
    expect(hal.backends.map((b) => [b.name, b.role])).toEqual([
      ['sysfs', 'identity'],
      ['systeminformation', 'identity-fallback'],
      ['smart-rs232', 'smart-display'],
      ['attestation-file', 'attestation'],
      ['keyboard:evdev', 'keyboard'],
      ['keyboard:hid', 'keyboard'],
      ['keyboard:terminal', 'keyboard'],
    ]);
    const s = await statuses(hal);
    expect(s).toMatchObject({
      sysfs: 'available',
      systeminformation: `unavailable: systeminformation reads only the running host; ${dir} is another device's tree`,
      'smart-rs232': 'unavailable: no RS-232 port given (not a SMART display)',
      'keyboard:evdev': `unavailable: no keyboard event device under ${dir}/dev/input`,
      'keyboard:hid': `unavailable: node-hid sees only the running host; ${dir} is another device's tree`,
      'keyboard:terminal': 'available',
    });
    expect(s['attestation-file']).toMatch(/^unavailable: /);
    // Identity comes from sysfs alone: the host's systeminformation never leaks into a simulated device.
    const { snapshot } = await readDeviceIdentity(hal.identity);
    expect(snapshot.backend).toBe('sysfs');
    expect(snapshot.dmi.sys_vendor).toEqual({ value: 'Google', source: 'sysfs' });
    expect(snapshot.dmi.product_name).toEqual({ value: null, source: 'sysfs', problem: 'missing' });
  });

  it('on this host’s own root: the host-only backends apply (whether they then work depends on the host)', async () => {
    const hal = assembleHal({ root: '/' });
    expect(await isHostRoot('/')).toBe(true);
    const byName = new Map(hal.backends.map((b) => [b.name, b]));
    expect(await byName.get('systeminformation')?.matches()).toEqual({ available: true });
    expect(await byName.get('keyboard:hid')?.matches()).toEqual({ available: true });
    for (const status of Object.values(await statuses(hal)))
      expect(status).toMatch(/^(available|unavailable: .+)$/);
  });

  it('chooses the SMART display backend only for a port that exists', async () => {
    const dir = await root();
    const missing = assembleHal({ root: dir, smartSerial: `${dir}/ttyS9` });
    expect(
      statusText(
        await (missing.backends.find((b) => b.name === 'smart-rs232')?.availability() ?? Promise.reject()),
      ),
    ).toBe(`unavailable: ${dir}/ttyS9: no such port`);
    expect(missing.identity.openSmartDisplay).toBeTypeOf('function');
    expect(assembleHal({ root: dir }).identity.openSmartDisplay).toBeUndefined();
  });

  it('reads only keyboards: an event device whose capabilities lack KEY_V (a mouse) is not one', async () => {
    const dir = await root();
    const mouse = await attachEvdevKeyboard(dir, { index: 0, capabilities: '70000 0 0 0 0' });
    try {
      const hal = assembleHal({ root: dir });
      const evdev = hal.backends.find((b) => b.name === 'keyboard:evdev');
      expect(statusText(await (evdev?.availability() ?? Promise.reject()))).toBe(
        `unavailable: no keyboard event device under ${dir}/dev/input`,
      );
      const keyboard = await attachEvdevKeyboard(dir, { index: 1 });
      expect(await evdev?.availability()).toEqual({ available: true });
      await keyboard.close();
    } finally {
      await mouse.close();
    }
  });

  it('reports a HID library that cannot be used, and starts the other keyboards regardless', async () => {
    const dir = await root();
    const keyboard = await attachEvdevKeyboard(dir);
    const broken = simulatedHidBus();
    broken.factory.devices = async () => {
      throw new Error('libusb-1.0.so.0: cannot open shared object file');
    };
    const hal = assembleHal({
      root: dir,
      hid: broken.factory,
      terminalInput: new PassThrough(),
      onInterrupt: () => undefined,
    });
    let presses = 0;
    let pressed: () => void = () => undefined;
    const firstPress = new Promise<void>((resolve) => {
      pressed = resolve;
    });
    const status = await hal.keyboards.start(() => {
      presses++;
      pressed();
    });
    expect(status).toEqual({
      'keyboard:evdev': 'available',
      'keyboard:hid': 'unavailable: node-hid cannot be used: libusb-1.0.so.0: cannot open shared object file',
      'keyboard:terminal': 'available',
    });
    await keyboard.press();
    await firstPress;
    expect(presses).toBe(1);
    await hal.keyboards.stop();
    await keyboard.close();
  });

  it('reports a keyboard that is listed but cannot be opened with the source’s own words', async () => {
    const dir = await root();
    const bus = simulatedHidBus();
    bus.factory.open = async () => {
      throw new Error('could not open device');
    };
    const hal = assembleHal({ root: dir, hid: bus.factory });
    const status = await hal.keyboards.start(() => undefined);
    expect(status['keyboard:hid']).toBe(
      'unavailable: cannot open any HID keyboard (USB Keyboard: could not open device)',
    );
    const hid = hal.backends.find((b) => b.name === 'keyboard:hid');
    expect(await hid?.availability()).toEqual({
      available: false,
      reason: 'cannot open any HID keyboard (USB Keyboard: could not open device)',
    });
    await hal.keyboards.stop();
  });

  it('counts one press seen by two keyboards once (a USB keyboard is both evdev and HID), and every press of one', async () => {
    const dir = await root();
    const keyboard = await attachEvdevKeyboard(dir);
    const bus = simulatedHidBus();
    let t = 0;
    const hal = assembleHal({ root: dir, hid: bus.factory, now: () => t });
    const events: string[] = [];
    let first: () => void = () => undefined;
    const evdevSeen = new Promise<void>((resolve) => {
      first = resolve;
    });
    await hal.keyboards.start((e) => {
      events.push(e.source);
      first();
    });
    try {
      await keyboard.press(); // t = 0: the evdev side of the press arrives first
      await evdevSeen;
      t = 100;
      bus.press(); // the HID side of the same press: delivered synchronously, and dropped
      expect(events).toEqual(['evdev']);
      t = SAME_PRESS_WINDOW_MS + 150;
      bus.press(); // a new press
      t += 50;
      bus.press(); // and another, quickly, on the same keyboard: both count
      expect(events).toEqual(['evdev', 'hid', 'hid']);
    } finally {
      await hal.keyboards.stop();
      await keyboard.close();
    }
  });
});
