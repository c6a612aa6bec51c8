// The DISPLAY's side of a SMART RS-232 conversation (DESIGN §3), as a state machine fed the host's
// bytes and emitting the display's bytes. No I/O of its own: transports (a pty pair, the serialport
// mock binding) carry the bytes.

import type { SmartPowerState, SmartQuery } from '../../hal/interface.ts';

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
  let poweredOn = false;
  let pendingAsync = (options.asyncMessages ?? []).map(asyncLine);
  let input = '';

  const emit = (text: string | Buffer): void => {
    if (softOff || text.length === 0) return;
    const chunk = typeof text === 'string' ? Buffer.from(text, 'latin1') : Buffer.from(text);
    for (const listener of [...outputListeners]) listener(chunk);
  };

  const answer = (line: string): string => {
    const words = line.trim().split(/\s+/);
    if (line.trim() === '') return '>';
    const [verb, field, ...rest] = words.map((w) => w.toLowerCase());
    const supported = (f: string): f is SmartQuery => isField(f) && !options.unsupportedFields?.includes(f);
    if (verb === 'get' && field !== undefined && supported(field) && rest.length === 0) {
      const before = pendingAsync.map((m) => `${m}${eol}`).join('');
      pendingAsync = [];
      const name = options.upperCaseReplies ? field.toUpperCase() : field;
      const reply = options.replyOverrides?.[field] ?? `${name}=${values[field]}`;
      return `${before}${reply}${eol}>`;
    }
    return `invalid cmd=${line}${eol}>`;
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
          emit(answer(line));
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
      emit(`${asyncLine(message)}${eol}`);
    },
    setSoftOff(value) {
      // Leaving soft-off is a power-on: the garbage comes again.
      if (softOff && !value) poweredOn = false;
      softOff = value;
    },
    get softOff() {
      return softOff;
    },
  };
}
