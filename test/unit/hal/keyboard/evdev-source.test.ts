import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { isKeyboardSourceError } from '../../../../hal/backends/keyboard/errors.ts';
import { createEvdevSource, findKeyboardDevices } from '../../../../hal/backends/keyboard/evdev.ts';
import {
  EV_KEY,
  encodeInputEvent,
  KEY_LEFTALT,
  KEY_V,
} from '../../../../hal/backends/keyboard/evdev-parser.ts';
import type { AltVEvent } from '../../../../hal/interface.ts';

const altV = (): Buffer =>
  Buffer.concat([
    encodeInputEvent({ type: EV_KEY, code: KEY_LEFTALT, value: 1 }),
    encodeInputEvent({ type: EV_KEY, code: KEY_V, value: 1 }),
    encodeInputEvent({ type: EV_KEY, code: KEY_V, value: 0 }),
    encodeInputEvent({ type: EV_KEY, code: KEY_LEFTALT, value: 0 }),
  ]);

const KEYBOARD_CAPS = '1000000000007 ff9f207ac14057ff febeffdfffefffff fffffffffffffffe\n';
const MOUSE_CAPS = '1f0000 0 0 0 0\n';

/** Collects events and lets the test await the n-th one (event-driven, no sleeping). */
function collector(): {
  onAltV: (e: AltVEvent) => void;
  events: AltVEvent[];
  next: () => Promise<AltVEvent>;
} {
  const events: AltVEvent[] = [];
  let waiting: ((e: AltVEvent) => void) | null = null;
  return {
    events,
    onAltV: (event) => {
      events.push(event);
      waiting?.(event);
      waiting = null;
    },
    next: () => new Promise((resolve) => (waiting = resolve)),
  };
}

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function tree(devices: Record<string, string | null>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'evdev-root-'));
  roots.push(root);
  await mkdir(join(root, 'dev/input'), { recursive: true });
  for (const [name, caps] of Object.entries(devices)) {
    await writeFile(join(root, 'dev/input', name), '');
    if (caps !== null) {
      await mkdir(join(root, 'sys/class/input', name, 'device/capabilities'), { recursive: true });
      await writeFile(join(root, 'sys/class/input', name, 'device/capabilities/key'), caps);
    }
  }
  return root;
}

describe('evdev source over a Readable', () => {
  it('emits ALT_V from the evdev source for each Alt+V in the stream', async () => {
    const input = new PassThrough();
    const source = createEvdevSource({ input });
    expect(source.name).toBe('evdev');
    expect(await source.availability()).toEqual({ available: true });
    const seen = collector();
    const stop = await source.start(seen.onAltV);
    const bytes = Buffer.concat([altV(), altV()]);
    input.write(bytes.subarray(0, 30));
    input.write(bytes.subarray(30));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.events).toEqual([
      { type: 'ALT_V', source: 'evdev' },
      { type: 'ALT_V', source: 'evdev' },
    ]);
    await stop();
    input.write(altV());
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.events).toHaveLength(2);
  });

  it('does not combine Alt on one device with V on another', async () => {
    const a = new PassThrough();
    const b = new PassThrough();
    const seen = collector();
    const stop = await createEvdevSource({ input: [a, b] }).start(seen.onAltV);
    a.write(encodeInputEvent({ type: EV_KEY, code: KEY_LEFTALT, value: 1 }));
    b.write(encodeInputEvent({ type: EV_KEY, code: KEY_V, value: 1 }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.events).toEqual([]);
    await stop();
  });
});

describe('evdev device discovery under a root', () => {
  it('lists event devices in numeric order, keeping keyboards and devices sysfs says nothing about', async () => {
    const root = await tree({
      event10: KEYBOARD_CAPS,
      event2: MOUSE_CAPS,
      event1: null,
      event0: KEYBOARD_CAPS,
    });
    expect(await findKeyboardDevices(root)).toEqual([
      join(root, 'dev/input/event0'),
      join(root, 'dev/input/event1'),
      join(root, 'dev/input/event10'),
    ]);
  });

  it('is unavailable with a reason, and start rejects with no-device, when there is no keyboard', async () => {
    const root = await tree({ event0: MOUSE_CAPS });
    const source = createEvdevSource({ root });
    const availability = await source.availability();
    expect(availability.available).toBe(false);
    const error = await source.start(() => undefined).catch((e: unknown) => e);
    expect(isKeyboardSourceError(error, 'no-device')).toBe(true);
  });

  it('is unavailable when the root has no /dev/input at all', async () => {
    const source = createEvdevSource({ root: join(tmpdir(), 'no-such-root-for-evdev') });
    expect((await source.availability()).available).toBe(false);
  });

  it('reads events appended to a device file, including ones written after start', async () => {
    const root = await tree({ event3: KEYBOARD_CAPS });
    const device = join(root, 'dev/input/event3');
    await writeFile(device, altV());
    const source = createEvdevSource({ root, pollIntervalMs: 1 });
    expect(await source.availability()).toEqual({ available: true });
    const seen = collector();
    const first = seen.next();
    const stop = await source.start(seen.onAltV);
    expect(await first).toEqual({ type: 'ALT_V', source: 'evdev' });
    const second = seen.next();
    await appendFile(device, altV());
    await second;
    await stop();
    expect(seen.events).toHaveLength(2);
  });
});
