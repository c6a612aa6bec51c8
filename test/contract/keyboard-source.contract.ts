// The KeyboardSource contract (DESIGN §3 Alt+V sources, §7): every source of Alt+V — evdev, HID boot
// keyboards, the terminal — reports exactly one `ALT_V` per press, tagged with its own kind, with
// either Alt; a V without Alt is typing, not Alt+V; a stopped source is silent and can be started
// again. The harness says how a person presses keys on that backend (bytes into a FIFO, HID reports,
// terminal bytes) and delivers a whole sequence at once (one write, one burst of reports): a source
// decodes what it received before the test goes on, so an event that should not be there would be
// counted. Absence is shown that way, never by waiting.

import { describe, expect, it } from 'vitest';
import type { AltVEvent, KeyboardSource, KeyboardSourceKind } from '../../hal/interface.ts';

/** `alt-v` / `right-alt-v`: Alt+V with that Alt; `v`: V typed without Alt; `held-alt-v`: Alt+V held until it repeats. */
export type Keys = 'alt-v' | 'right-alt-v' | 'v' | 'held-alt-v';

export interface KeyboardHarness {
  source: KeyboardSource;
  /** Delivers the key presses as the device reports them, all in one go. */
  type(keys: readonly Keys[]): Promise<void>;
  /** False where the device cannot say a key is held (a terminal repeats the whole sequence). */
  canHold: boolean;
  close(): Promise<void>;
}

export type MakeKeyboardHarness = () => Promise<KeyboardHarness>;

/** Collects events and resolves when `count` have arrived. */
function recorder() {
  const events: AltVEvent[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  return {
    events,
    onAltV(event: AltVEvent) {
      events.push(event);
      for (const w of waiters.splice(0)) {
        if (events.length >= w.count) w.resolve();
        else waiters.push(w);
      }
    },
    until(count: number): Promise<void> {
      return new Promise((resolve) => {
        if (events.length >= count) resolve();
        else waiters.push({ count, resolve });
      });
    },
  };
}

const KINDS: readonly KeyboardSourceKind[] = ['evdev', 'hid', 'terminal', 'page'];

export function describeKeyboardSourceContract(name: string, make: MakeKeyboardHarness): void {
  describe(`KeyboardSource contract: ${name}`, () => {
    const withHarness = async (body: (h: KeyboardHarness) => Promise<void>) => {
      const harness = await make();
      try {
        await body(harness);
      } finally {
        await harness.close();
      }
    };

    it('is available, and reports one ALT_V per press tagged with its kind', async () => {
      await withHarness(async (h) => {
        expect(KINDS).toContain(h.source.name);
        expect(await h.source.availability()).toEqual({ available: true });
        const seen = recorder();
        const stop = await h.source.start(seen.onAltV);
        await h.type(['alt-v']);
        await seen.until(1);
        await h.type(['alt-v']);
        await seen.until(2);
        expect(seen.events).toEqual([
          { type: 'ALT_V', source: h.source.name },
          { type: 'ALT_V', source: h.source.name },
        ]);
        await stop();
      });
    });

    it('takes either Alt key', async () => {
      await withHarness(async (h) => {
        const seen = recorder();
        const stop = await h.source.start(seen.onAltV);
        await h.type(['right-alt-v']);
        await seen.until(1);
        await h.type(['alt-v', 'right-alt-v']);
        await seen.until(3);
        expect(seen.events).toHaveLength(3);
        await stop();
      });
    });

    it('does not take V without Alt for Alt+V', async () => {
      await withHarness(async (h) => {
        const seen = recorder();
        const stop = await h.source.start(seen.onAltV);
        await h.type(['v', 'v', 'alt-v', 'v']);
        await seen.until(1);
        await h.type(['alt-v']);
        await seen.until(2);
        expect(seen.events).toHaveLength(2);
        await stop();
      });
    });

    it('fires once for a held Alt+V (auto-repeat is not a new press)', async (context) => {
      const harness = await make();
      try {
        if (!harness.canHold) {
          context.skip('this device cannot report a held key');
          return;
        }
        const seen = recorder();
        const stop = await harness.source.start(seen.onAltV);
        await harness.type(['held-alt-v']);
        await seen.until(1);
        await harness.type(['alt-v']);
        await seen.until(2);
        expect(seen.events).toHaveLength(2);
        await stop();
      } finally {
        await harness.close();
      }
    });

    it('is silent once stopped, and can be started again', async () => {
      await withHarness(async (h) => {
        const first = recorder();
        const stop = await h.source.start(first.onAltV);
        await h.type(['alt-v']);
        await first.until(1);
        await stop();
        const second = recorder();
        const stopAgain = await h.source.start(second.onAltV);
        await h.type(['alt-v']);
        await second.until(1);
        expect(first.events).toHaveLength(1);
        expect(second.events).toHaveLength(1);
        await stopAgain();
      });
    });
  });
}

/**
 * The part of the contract a real keyboard can show without a person at it: it says whether it is
 * there, and when it is, it starts and stops cleanly. Skipped, with the reason, when it is not there.
 */
export function describeRealKeyboard(
  name: string,
  source: KeyboardSource,
  availability: { available: boolean; reason?: string },
): void {
  describe(`KeyboardSource contract: ${name} (real hardware)`, () => {
    if (!availability.available) {
      it.skip(`skipped: ${availability.reason ?? 'not available'}`, () => undefined);
      return;
    }
    it('is available, starts listening and stops', async () => {
      expect(await source.availability()).toEqual({ available: true });
      const stop = await source.start(() => undefined);
      await stop();
    });
  });
}
