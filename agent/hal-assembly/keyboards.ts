// Every keyboard the device has, run as one: the evdev, HID and terminal sources that apply are
// started once for the whole boot and each Alt+V goes to one listener (the machine's `ALT_V`),
// whatever UI is shown. What became of each source is what diagnostics report for it.
//
// One key press can reach several sources: a USB keyboard is both a HID device (node-hid reads its
// hidraw node) and an evdev device (the kernel's hid-input), and on a VT console the terminal sees it
// too. Since `ALT_V` toggles, counting it twice would undo it; so an Alt+V from another source within
// SAME_PRESS_WINDOW_MS of the last one delivered is the same press. Presses from one source are
// always delivered (that source already tells presses from auto-repeat).

import type {
  AltVEvent,
  Availability,
  KeyboardSource,
  KeyboardSourceKind,
  TerminalKeyboardSource,
} from '../../hal/interface.ts';
import type { HalBackend } from './types.ts';

/** Where a source stands: never started, listening, or could not start (with the reason). */
type SourceState =
  | { kind: 'idle' }
  | { kind: 'running'; stop: () => Promise<void> }
  | { kind: 'failed'; reason: string };

export interface KeyboardHub {
  /** The keyboard backends, in the order they are started (evdev, HID, terminal). */
  readonly backends: readonly HalBackend[];
  /** The terminal's source: the text UI reads its other keys (Enter, Esc, characters). */
  readonly terminal: TerminalKeyboardSource;
  /**
   * Starts every source whose backend applies, once per hub: later calls resolve with the first
   * call's result. A source that cannot start is reported, never thrown. Resolves with the status
   * of each backend by name.
   */
  start(onAltV: (event: AltVEvent) => void): Promise<Record<string, string>>;
  /**
   * Feeds an Alt+V seen elsewhere (the page's keydown) through the same one-press rule. False when
   * the hub is not started (nobody listens yet): the caller delivers it itself.
   */
  deliver(event: AltVEvent): boolean;
  /** Stops every running source (idempotent). */
  stop(): Promise<void>;
}

export interface KeyboardCandidate {
  source: KeyboardSource;
  /** Whether the source applies to this device at all (e.g. node-hid only sees the host's bus). */
  matches(): Promise<Availability>;
}

/** Longest delay between two sources reporting one press; far shorter than two deliberate presses. */
export const SAME_PRESS_WINDOW_MS = 250;

export interface KeyboardHubOptions {
  /** Monotonic milliseconds (default performance.now). */
  now?: () => number;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function statusText(availability: Availability): string {
  return availability.available ? 'available' : `unavailable: ${availability.reason}`;
}

export function createKeyboardHub(
  candidates: readonly KeyboardCandidate[],
  terminal: TerminalKeyboardSource,
  options: KeyboardHubOptions = {},
): KeyboardHub {
  const now = options.now ?? (() => performance.now());
  const states = new Map<KeyboardCandidate, SourceState>(candidates.map((c) => [c, { kind: 'idle' }]));
  let started: Promise<Record<string, string>> | null = null;

  /** Applies, then can work: the matching reason first, the source's own after. */
  const probe = async (candidate: KeyboardCandidate): Promise<Availability> => {
    const applies = await candidate.matches();
    return applies.available ? candidate.source.availability() : applies;
  };

  const backends: HalBackend[] = candidates.map((candidate) => ({
    name: `keyboard:${candidate.source.name}`,
    role: 'keyboard',
    matches: () => candidate.matches(),
    async availability(): Promise<Availability> {
      const state = states.get(candidate);
      if (state?.kind === 'running') return { available: true };
      if (state?.kind === 'failed') return { available: false, reason: state.reason };
      return probe(candidate);
    },
  }));

  const startOne = async (candidate: KeyboardCandidate, onAltV: (event: AltVEvent) => void) => {
    try {
      const state = await probe(candidate);
      if (!state.available) {
        states.set(candidate, { kind: 'failed', reason: state.reason });
        return;
      }
      states.set(candidate, { kind: 'running', stop: await candidate.source.start(onAltV) });
    } catch (error) {
      states.set(candidate, { kind: 'failed', reason: describe(error) });
    }
  };

  let listener: ((event: AltVEvent) => void) | null = null;
  let last: { source: KeyboardSourceKind; at: number } | null = null;
  const deliver = (event: AltVEvent): boolean => {
    if (listener === null) return false;
    const at = now();
    if (last !== null && last.source !== event.source && at - last.at < SAME_PRESS_WINDOW_MS) return true;
    last = { source: event.source, at };
    listener(event);
    return true;
  };

  return {
    backends,
    terminal,
    deliver,
    start(onAltV) {
      started ??= (async () => {
        listener = onAltV;
        await Promise.all(candidates.map((candidate) => startOne(candidate, deliver)));
        const status: Record<string, string> = {};
        for (const backend of backends) status[backend.name] = statusText(await backend.availability());
        return status;
      })();
      return started;
    },
    async stop() {
      await started?.catch(() => undefined);
      const running = [...states.entries()].filter(
        (entry): entry is [KeyboardCandidate, Extract<SourceState, { kind: 'running' }>] =>
          entry[1].kind === 'running',
      );
      listener = null;
      for (const [candidate] of running) states.set(candidate, { kind: 'failed', reason: 'stopped' });
      await Promise.all(running.map(([, state]) => state.stop().catch(() => undefined)));
    },
  };
}
