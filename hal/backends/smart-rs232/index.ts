// `smart-rs232`: a SmartDisplayControl over a serial port (DESIGN §3). 19200 baud, 8N1, no flow
// control. The real binding (@serialport/bindings-cpp, native) is only loaded when no binding is
// given, and lazily; any other binding (e.g. @serialport/binding-mock) goes through SerialPortStream.
// Every family's dialect is understood (CRLF framing, `invalid cmd=`/`invalid cmd:`, the power states in
// which identity commands are refused): see hal/README.md for the dialects and SMART's references.

import { SerialPortStream, type OpenOptions as StreamOpenOptions } from '@serialport/stream';
import type { SmartDisplayControl, SmartDisplayInfo, SmartQuery } from '../../interface.ts';
import { SmartConversation } from './conversation.ts';
import { isSmartDisplayError, SmartDisplayError } from './errors.ts';
import { systemTimers, type Timers } from './timers.ts';

export { isSmartDisplayError, SmartDisplayError } from './errors.ts';
export type { Timers } from './timers.ts';

/** Any serialport binding (bindings-cpp, binding-mock, …), as `@serialport/stream` types it. */
export type SerialBinding = StreamOpenOptions['binding'];

export const SMART_RS232_BACKEND = 'smart-rs232';
export const SMART_BAUD_RATE = 19200;
export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_PROMPT_TIMEOUT_MS = 3000;
/**
 * Longest wait for a display to come on after `set powerstate=on`. SMART's MX (V3, V2, V2-C) reference
 * asks for at least 30 s between power-state changes and the next command on iQ 3.11 or earlier.
 */
export const DEFAULT_WAKE_TIMEOUT_MS = 35_000;
/** Interval between `get powerstate` polls while waiting for the display to come on. */
export const DEFAULT_WAKE_POLL_MS = 1000;

/** States `set powerstate=on` is documented to leave (never a firmware update in progress). */
const WAKEABLE_STATES: readonly string[] = ['ready', 'standby', 'powersave'];

export interface OpenSmartDisplayOptions {
  /** Serial device, e.g. `/dev/ttyUSB0`, or the path a mock binding knows. */
  path: string;
  /** A serialport binding; default: the platform's native binding, loaded on first use. */
  binding?: SerialBinding;
  /** Longest wait for the reply and prompt of one command (default 2000 ms). */
  timeoutMs?: number;
  /** Longest wait for the `>` prompt at open (default 3000 ms); a soft-off display never answers. */
  promptTimeoutMs?: number;
  /** Longest line kept from the display (default 4096 bytes); longer lines are truncated. */
  maxLineLength?: number;
  /** Longest wait for the display to come on in `wake()` (default 35 000 ms). */
  wakeTimeoutMs?: number;
  /** Interval of `get powerstate` polls in `wake()` (default 1000 ms). */
  wakePollMs?: number;
  timers?: Timers;
}

export interface SmartRs232DisplayOptions {
  wakeTimeoutMs?: number;
  wakePollMs?: number;
  timers?: Timers;
}

/** The slice of SerialPortStream we use: either the native SerialPort or a SerialPortStream. */
interface Port {
  open(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
  write(data: Buffer, callback: (error: Error | null | undefined) => void): boolean;
  readonly isOpen: boolean;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: (error?: Error | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

const SERIAL_SETTINGS = {
  baudRate: SMART_BAUD_RATE,
  dataBits: 8,
  stopBits: 1,
  parity: 'none',
  rtscts: false,
  xon: false,
  xoff: false,
  xany: false,
  autoOpen: false,
} as const;

async function createPort(path: string, binding: SerialBinding | undefined): Promise<Port> {
  if (binding) return new SerialPortStream({ ...SERIAL_SETTINGS, path, binding });
  let SerialPort: typeof import('serialport').SerialPort;
  try {
    ({ SerialPort } = await import('serialport'));
  } catch (cause) {
    throw new SmartDisplayError(
      'port-unavailable',
      `the native serial binding could not load: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
  return new SerialPort({ ...SERIAL_SETTINGS, path });
}

function openPort(port: Port, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    port.open((error) => {
      if (error) {
        reject(
          new SmartDisplayError('port-unavailable', `cannot open ${path}: ${error.message}`, {
            cause: error,
          }),
        );
      } else {
        resolve();
      }
    });
  });
}

function notReady(powerState: string, cause?: unknown): SmartDisplayError {
  return new SmartDisplayError('display-not-ready', `powerstate=${powerState}`, { cause, powerState });
}

export class SmartRs232Display implements SmartDisplayControl {
  readonly name = SMART_RS232_BACKEND;
  private readonly timers: Timers;

  constructor(
    readonly path: string,
    private readonly conversation: SmartConversation,
    private readonly options: SmartRs232DisplayOptions = {},
  ) {
    this.timers = options.timers ?? systemTimers;
  }

  async get(field: SmartQuery): Promise<string> {
    const reply = await this.conversation.command(`get ${field}`);
    const match = /^([^=\s]+)\s*=(.*)$/.exec(reply);
    if (!match || match[1]?.toLowerCase() !== field) {
      throw new SmartDisplayError(
        'malformed-reply',
        `expected '${field}=…' from the display, got '${reply}'`,
      );
    }
    return (match[2] ?? '').trim();
  }

  /**
   * Outside ON/READY a display answers only `get/set powerstate` (SMART's references; MX (V1) serves
   * in ON only). A refused or unanswered `get serialnum`/`get modelnum` is therefore classified by
   * asking the power state: any state but ON makes it `display-not-ready` with that state.
   */
  async readInfo(): Promise<SmartDisplayInfo> {
    let serialNumber: string;
    let modelNumber: string;
    try {
      serialNumber = await this.getAgain('serialnum');
      modelNumber = await this.getAgain('modelnum');
    } catch (error) {
      if (isSmartDisplayError(error, 'invalid-command') || isSmartDisplayError(error, 'timeout')) {
        const now = await this.powerState().catch(() => null);
        if (now !== null && now !== 'on') throw notReady(now, error);
      }
      throw error;
    }
    const firmwareVersion = await this.optional('fwversion');
    const partNumber = await this.optional('partnum');
    const powerState = await this.optional('powerstate');
    return { serialNumber, modelNumber, firmwareVersion, partNumber, powerState };
  }

  async wake(): Promise<string> {
    const before = (await this.getAgain('powerstate')).toLowerCase();
    if (before === 'on') return before;
    // Never during a firmware update ("do not turn off the display"), nor from a state we do not know.
    if (!WAKEABLE_STATES.includes(before)) throw notReady(before);
    try {
      await this.conversation.command('set powerstate=on');
    } catch (error) {
      // MX (V1): "if the setpowerstate command returns an invalid command message, add spaces around
      // the operator symbol". A display busy switching may also not answer: the polls below decide.
      if (isSmartDisplayError(error, 'invalid-command'))
        await this.conversation.command('set powerstate = on');
      else if (!isSmartDisplayError(error, 'timeout')) throw error;
    }
    const timeoutMs = this.options.wakeTimeoutMs ?? DEFAULT_WAKE_TIMEOUT_MS;
    const pollMs = Math.max(1, this.options.wakePollMs ?? DEFAULT_WAKE_POLL_MS);
    const polls = Math.max(1, Math.floor(timeoutMs / pollMs) + 1);
    let last = before;
    for (let poll = 1; ; poll++) {
      // A display switching states may not answer for a while: a time-out or noise is not an answer.
      const now = await this.powerState().catch((error: unknown) => {
        if (isSmartDisplayError(error, 'timeout') || isSmartDisplayError(error, 'malformed-reply'))
          return null;
        throw error;
      });
      if (now !== null) last = now;
      // ON, or READY reached from STANDBY/POWERSAVE ("the display enters READY or ON state").
      if (now === 'on' || (now === 'ready' && before !== 'ready')) return now;
      if (poll >= polls) throw notReady(last);
      await this.delay(pollMs);
    }
  }

  onAsyncMessage(listener: (line: string) => void): () => void {
    return this.conversation.onAsyncMessage(listener);
  }

  close(): Promise<void> {
    return this.conversation.close();
  }

  /** `get powerstate` in lower case; null when this firmware does not answer it sensibly. */
  private async powerState(): Promise<string | null> {
    const value = await this.optional('powerstate');
    return value === null ? null : value.toLowerCase();
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.setTimeout(resolve, ms);
    });
  }

  /**
   * `get`, asked once more after resynchronising on a fresh prompt when the reply is not `<field>=…`:
   * power-on garbage holding a `>` can pass for the first prompt and glue itself to the next reply,
   * and line noise can garble one answer.
   */
  private async getAgain(field: SmartQuery): Promise<string> {
    try {
      return await this.get(field);
    } catch (error) {
      if (!isSmartDisplayError(error, 'malformed-reply')) throw error;
      this.conversation.resynchronise();
      return this.get(field);
    }
  }

  /**
   * A field an older firmware may not know, and that the identity does not need: `invalid cmd=`, an
   * empty value or an answer that stays garbled reads as null.
   */
  private async optional(field: SmartQuery): Promise<string | null> {
    try {
      const value = await this.getAgain(field);
      return value === '' ? null : value;
    } catch (error) {
      if (isSmartDisplayError(error, 'invalid-command') || isSmartDisplayError(error, 'malformed-reply'))
        return null;
      throw error;
    }
  }
}

/**
 * Opens the port, sends a bare CR and waits for the first `>` (power-on garbage before it is
 * ignored). Rejects with `port-unavailable` when the port cannot be opened and `no-prompt` when the
 * display does not answer (soft-off).
 */
export async function openSmartDisplay(options: OpenSmartDisplayOptions): Promise<SmartRs232Display> {
  const { path } = options;
  let port: Port;
  try {
    port = await createPort(path, options.binding);
  } catch (error) {
    if (isSmartDisplayError(error)) throw error;
    throw new SmartDisplayError('port-unavailable', `cannot use ${path}: ${String(error)}`, { cause: error });
  }

  let closedByUs = false;
  const conversation = new SmartConversation(
    {
      write: (data) =>
        new Promise<void>((resolve, reject) => {
          if (!port.isOpen) {
            reject(new Error('port is not open'));
            return;
          }
          port.write(data, (error) => (error ? reject(error) : resolve()));
        }),
      close: () =>
        new Promise<void>((resolve) => {
          closedByUs = true;
          if (!port.isOpen) {
            resolve();
            return;
          }
          port.close(() => resolve());
        }),
    },
    {
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      promptTimeoutMs: options.promptTimeoutMs ?? DEFAULT_PROMPT_TIMEOUT_MS,
      maxLineLength: options.maxLineLength,
      timers: options.timers,
    },
  );

  port.on('data', (chunk) => conversation.receive(chunk));
  port.on('close', (error) => {
    if (closedByUs) return;
    conversation.channelClosed(
      new SmartDisplayError('disconnected', `${path} went away${error ? `: ${error.message}` : ''}`, {
        cause: error ?? undefined,
      }),
    );
  });
  port.on('error', (error) => {
    // Errors after open (a failed write, a failed close) surface through the pending command; when
    // the port is gone as a result, the conversation is over.
    if (!port.isOpen && !closedByUs) {
      conversation.channelClosed(
        new SmartDisplayError('disconnected', `${path}: ${error.message}`, { cause: error }),
      );
    }
  });

  await openPort(port, path);
  try {
    await conversation.handshake();
  } catch (error) {
    await conversation.close();
    throw error;
  }
  return new SmartRs232Display(path, conversation, {
    wakeTimeoutMs: options.wakeTimeoutMs,
    wakePollMs: options.wakePollMs,
    timers: options.timers,
  });
}
