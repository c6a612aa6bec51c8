// Alt+V from Linux evdev devices, in pure Node (no native code). Devices are read with non-blocking
// reads polled on a timer, so a keyboard that stays idle never holds one of libuv's few thread-pool
// threads (a blocking fs stream per /dev/input/event* would starve every other fs call).

import { constants } from 'node:fs';
import { access, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { AltVEvent, Availability, KeyboardSource } from '../../interface.ts';
import { KeyboardSourceError } from './errors.ts';
import { EvdevAltVDecoder, INPUT_EVENT_SIZE, KEY_V } from './evdev-parser.ts';

export interface EvdevTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EvdevSourceOptions {
  /** Filesystem root standing for `/` (default `/`): devices are `<root>/dev/input/event*`. */
  root?: string;
  /** Explicit device files (or FIFOs, or files the simulator appends to) instead of discovery. */
  paths?: readonly string[];
  /** Streams of `struct input_event` bytes instead of device files (tests, simulator). */
  input?: Readable | readonly Readable[];
  /** Pause between non-blocking reads of an idle device (default 20 ms). */
  pollIntervalMs?: number;
  timers?: EvdevTimers;
}

const defaultTimers: EvdevTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Whether a sysfs `capabilities/key` bitmap has KEY_V. The file lists the kernel's unsigned longs in
 * hex, most significant first, separated by spaces (leading zero words omitted). Like the 24-byte
 * input_event, this assumes a 64-bit kernel: KEY_V (47) is then bit 47 of the last word.
 */
export function capabilitiesHaveKeyV(bitmap: string): boolean {
  const words = bitmap.trim().split(/\s+/);
  const last = words[words.length - 1] ?? '';
  if (!/^[0-9a-f]+$/i.test(last)) return false;
  return ((BigInt(`0x${last}`) >> BigInt(KEY_V)) & 1n) === 1n;
}

/** `<root>/dev/input/event*` in numeric order, keeping only keyboards when sysfs says what they are. */
export async function findKeyboardDevices(root: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(join(root, 'dev/input'))).filter((name) => /^event\d+$/.test(name));
  } catch {
    return [];
  }
  names.sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  const devices: string[] = [];
  for (const name of names) {
    let keyboard = true; // no sysfs (a bare simulated tree): assume it may be a keyboard
    try {
      keyboard = capabilitiesHaveKeyV(
        await readFile(join(root, 'sys/class/input', name, 'device/capabilities/key'), 'latin1'),
      );
    } catch {
      // capabilities unreadable or absent
    }
    if (keyboard) devices.push(join(root, 'dev/input', name));
  }
  return devices;
}

async function readable(path: string): Promise<boolean> {
  try {
    await access(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** Polls one device with non-blocking reads; stops on a hard error (device unplugged). */
function pollDevice(
  handle: Awaited<ReturnType<typeof open>>,
  onChunk: (chunk: Buffer) => void,
  intervalMs: number,
  timers: EvdevTimers,
): () => Promise<void> {
  const buffer = Buffer.alloc(INPUT_EVENT_SIZE * 64);
  let stopped = false;
  let timer: unknown;
  let wake: (() => void) | null = null;
  let reading: Promise<void> = Promise.resolve();

  const loop = async (): Promise<void> => {
    while (!stopped) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, buffer.length, null));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') bytesRead = 0;
        else return; // ENODEV and friends: the device is gone
      }
      if (stopped) return;
      if (bytesRead > 0) {
        onChunk(Buffer.from(buffer.subarray(0, bytesRead)));
        continue;
      }
      // Idle (EAGAIN), or end of a FIFO/file another process may still append to.
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = timers.setTimeout(resolve, intervalMs);
      });
      wake = null;
    }
  };
  reading = loop();

  return async () => {
    stopped = true;
    timers.clearTimeout(timer);
    wake?.();
    await reading.catch(() => undefined);
    await handle.close().catch(() => undefined);
  };
}

export function createEvdevSource(options: EvdevSourceOptions = {}): KeyboardSource {
  const root = options.root ?? '/';
  const timers = options.timers ?? defaultTimers;
  const intervalMs = options.pollIntervalMs ?? 20;
  const inputs =
    options.input === undefined ? null : Array.isArray(options.input) ? options.input : [options.input];

  const candidates = async (): Promise<string[]> =>
    options.paths ? [...options.paths] : await findKeyboardDevices(root);

  async function check(): Promise<
    { paths: string[] } | { reason: string; code: 'no-device' | 'open-failed' }
  > {
    const paths = await candidates();
    const where = options.paths ? options.paths.join(', ') : join(root, 'dev/input');
    if (paths.length === 0) return { reason: `no keyboard event device under ${where}`, code: 'no-device' };
    const usable: string[] = [];
    for (const path of paths) if (await readable(path)) usable.push(path);
    if (usable.length === 0) {
      return {
        reason: `cannot read ${paths.join(', ')}: permission denied (run as root or in the "input" group)`,
        code: 'open-failed',
      };
    }
    return { paths: usable };
  }

  return {
    name: 'evdev',

    async availability(): Promise<Availability> {
      if (inputs) return { available: true };
      const found = await check();
      return 'paths' in found ? { available: true } : { available: false, reason: found.reason };
    },

    async start(onAltV: (event: AltVEvent) => void): Promise<() => Promise<void>> {
      const fire = (presses: number): void => {
        for (let i = 0; i < presses; i++) onAltV({ type: 'ALT_V', source: 'evdev' });
      };

      if (inputs) {
        const detach = inputs.map((stream) => {
          const decoder = new EvdevAltVDecoder(); // one per device: Alt on one keyboard, V on another is no chord
          const onData = (chunk: Buffer | string): void => {
            fire(decoder.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk));
          };
          stream.on('data', onData);
          return () => {
            stream.off('data', onData);
          };
        });
        return async () => {
          for (const off of detach) off();
        };
      }

      const found = await check();
      if (!('paths' in found)) throw new KeyboardSourceError('evdev', found.code, found.reason);
      const stops: Array<() => Promise<void>> = [];
      const failures: string[] = [];
      for (const path of found.paths) {
        try {
          const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
          const decoder = new EvdevAltVDecoder();
          stops.push(pollDevice(handle, (chunk) => fire(decoder.push(chunk)), intervalMs, timers));
        } catch (error) {
          failures.push(`${path}: ${(error as Error).message}`);
        }
      }
      if (stops.length === 0) {
        throw new KeyboardSourceError('evdev', 'open-failed', `cannot open ${failures.join('; ')}`);
      }
      return async () => {
        await Promise.all(stops.map((stop) => stop()));
      };
    },
  };
}
