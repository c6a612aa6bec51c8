// The DISPLAY's side of a SMART RS-232 conversation (DESIGN §3), as a state machine fed the host's
// bytes and emitting the display's bytes, in the dialect of one display family (dialects.ts). No I/O
// of its own: transports (a pty pair, the serialport mock binding) carry the bytes.

import type { SmartPowerState, SmartQuery } from '../../hal/interface.ts';
import { SMART_DIALECTS, type SmartDialectName } from './dialects.ts';

export interface DisplayResponderOptions {
  serialNumber: string;
  modelNumber: string;
  firmwareVersion: string;
  partNumber: string;
  powerState: SmartPowerState | string;
  /** Diagnostic noise the port emits at power-on, before the first prompt. */
  powerOnGarbage?: Buffer | string;
  /** In soft-off the port does not answer at all. */
  softOff?: boolean;
  /** Async messages (`#…`; the `#` is added when missing) emitted just ahead of the first reply. */
  asyncMessages?: readonly string[];
  /** Line ending of the display's output (default CRLF; some firmwares send LF). */
  lineEnding?: '\r\n' | '\n';
  /** Fields this firmware does not know: `get <field>` is answered `invalid cmd=…`. */
  unsupportedFields?: readonly SmartQuery[];
  /** Answer `SERIALNUM=…` instead of `serialnum=…` (the protocol is case-insensitive). */
  upperCaseReplies?: boolean;
  /** Fault injection: the raw line sent instead of `<field>=<value>` (e.g. a garbled reply). */
  replyOverrides?: Partial<Record<SmartQuery, string>>;
  /** Longest command line kept (default 256): a longer one is answered `invalid cmd=` truncated. */
  maxCommandLength?: number;
  /** The family's dialect (default `mx-v1`: unframed replies, `invalid cmd=`, commands only in ON). */
  dialect?: SmartDialectName;
  /**
   * How a command refused outside the serving power states is answered. SMART's references say such
   * commands are not available but not what the port answers: the dialect's `invalid cmd` (default),
   * or nothing at all (the host times out).
   */
  refusal?: 'invalid-cmd' | 'silent';
  /** After `set powerstate=<v>`, how many `get powerstate` still answer the old state (default 0). */
  powerTransitionReads?: number;
}

export interface DisplayResponder {
  /** Bytes from the host. */
  feed(chunk: Buffer): void;
  /** Bytes to the host. */
  onOutput(listener: (chunk: Buffer) => void): () => void;
  /** Every complete command line received, answered or not (for tests and the fleet's logs). */
  onCommand(listener: (line: string) => void): () => void;
  /** Emits the power-on garbage, once. `feed` powers on first if nobody did. */
  powerOn(): void;
  /** Emits an async `#…` line now (nothing in soft-off). */
  emitAsync(message: string): void;
  setSoftOff(softOff: boolean): void;
  readonly softOff: boolean;
  /** What `get powerstate` answers now (the dialect's state machine moves it on `set powerstate`). */
  readonly powerState: string;
  /** The display changes state by itself (idles into standby, a person presses Power, an update starts). */
  setPowerState(state: SmartPowerState | string): void;
}

const FIELDS: readonly SmartQuery[] = ['serialnum', 'modelnum', 'fwversion', 'partnum', 'powerstate'];

function isField(word: string): word is SmartQuery {
  return (FIELDS as readonly string[]).includes(word);
}

function asyncLine(message: string): string {
  return message.startsWith('#') ? message : `#${message}`;
}

export function createDisplayResponder(options: DisplayResponderOptions): DisplayResponder {
  const eol = options.lineEnding ?? '\r\n';
  const dialect = SMART_DIALECTS[options.dialect ?? 'mx-v1'];
  /** Before every reply line: nothing (V1) or a line ending (V2/V3's CRLF framing). */
  const pre = dialect.replyPrefix === '' ? '' : eol;
  const maxCommandLength = options.maxCommandLength ?? 256;
  const values: Record<SmartQuery, string> = {
    serialnum: options.serialNumber,
    modelnum: options.modelNumber,
    fwversion: options.firmwareVersion,
    partnum: options.partNumber,
    powerstate: options.powerState,
  };
  const outputListeners = new Set<(chunk: Buffer) => void>();
  const commandListeners = new Set<(line: string) => void>();
  let softOff = options.softOff ?? false;
  let powerState: string = options.powerState;
  let transition: { to: string; reads: number } | null = null;
  let poweredOn = false;
  let pendingAsync = (options.asyncMessages ?? []).map(asyncLine);
  let input = '';

  const emit = (text: string | Buffer): void => {
    if (softOff || text.length === 0) return;
    const chunk = typeof text === 'string' ? Buffer.from(text, 'latin1') : Buffer.from(text);
    for (const listener of [...outputListeners]) listener(chunk);
  };

  const invalid = (line: string): string => `${pre}${dialect.invalidCommand(line)}${eol}>`;
  const serving = (): boolean => (dialect.serving as readonly string[]).includes(powerState);
  const named = (field: string): string => (options.upperCaseReplies ? field.toUpperCase() : field);

  const readPowerState = (): string => {
    if (transition !== null) {
      if (transition.reads > 0) transition.reads -= 1;
      else {
        powerState = transition.to;
        transition = null;
      }
    }
    return powerState;
  };

  const setPowerState = (value: string): string => {
    // "If the display is in UPDATEON or UPDATEREADY state, it might not change power states."
    if (powerState.startsWith('update')) return `${pre}${named('powerstate')}=${powerState}${eol}>`;
    const reads = options.powerTransitionReads ?? 0;
    if (reads > 0) transition = { to: value, reads };
    else powerState = value;
    return `${pre}${named('powerstate')}=${value}${eol}>`;
  };

  /** The display's answer to one command line; null when it says nothing. */
  const answer = (line: string): string | null => {
    const words = line.trim().split(/\s+/);
    if (line.trim() === '') return '>';
    const set = /^setpowerstate=([a-z]+)$/.exec(line.replace(/\s+/g, '').toLowerCase());
    if (set?.[1] !== undefined && (dialect.settable as readonly string[]).includes(set[1])) {
      return setPowerState(set[1]);
    }
    const [verb, field, ...rest] = words.map((w) => w.toLowerCase());
    const supported = (f: string): f is SmartQuery => isField(f) && !options.unsupportedFields?.includes(f);
    const known = verb === 'get' && field !== undefined && supported(field) && rest.length === 0;
    // Outside ON (V1) or ON/READY (V2/V3) only get/set powerstate are answered.
    if (field !== 'powerstate' && !serving()) return options.refusal === 'silent' ? null : invalid(line);
    if (known) {
      const before = pendingAsync.map((m) => `${pre}${m}${eol}`).join('');
      pendingAsync = [];
      const value = field === 'powerstate' ? readPowerState() : values[field];
      const reply = options.replyOverrides?.[field] ?? `${named(field)}=${value}`;
      return `${before}${pre}${reply}${eol}>`;
    }
    return invalid(line);
  };

  const powerOn = (): void => {
    if (poweredOn) return;
    poweredOn = true;
    if (options.powerOnGarbage !== undefined) emit(options.powerOnGarbage);
  };

  return {
    feed(chunk) {
      powerOn();
      for (const byte of chunk) {
        if (byte === 0x0d) {
          const line = input;
          input = '';
          for (const listener of [...commandListeners]) listener(line);
          const reply = answer(line);
          if (reply !== null) emit(reply);
        } else if (byte === 0x0a) {
          // CR ends a command; the LF of a CRLF is ignored.
        } else if (input.length < maxCommandLength) {
          input += String.fromCharCode(byte);
        }
      }
    },
    onOutput(listener) {
      outputListeners.add(listener);
      return () => {
        outputListeners.delete(listener);
      };
    },
    onCommand(listener) {
      commandListeners.add(listener);
      return () => {
        commandListeners.delete(listener);
      };
    },
    powerOn,
    emitAsync(message) {
      emit(`${pre}${asyncLine(message)}${eol}`);
    },
    setSoftOff(value) {
      // Leaving soft-off is a power-on: the garbage comes again.
      if (softOff && !value) poweredOn = false;
      softOff = value;
    },
    get softOff() {
      return softOff;
    },
    get powerState() {
      return powerState;
    },
    setPowerState(state) {
      transition = null;
      powerState = state;
    },
  };
}
