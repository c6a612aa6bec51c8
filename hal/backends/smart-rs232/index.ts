// `smart-rs232`: a SmartDisplayControl over a serial port (DESIGN §3). 19200 baud, 8N1, no flow
// control. The real binding (@serialport/bindings-cpp, native) is only loaded when no binding is
// given, and lazily; any other binding (e.g. @serialport/binding-mock) goes through SerialPortStream.

import { SerialPortStream, type OpenOptions as StreamOpenOptions } from '@serialport/stream';
import type { SmartDisplayControl, SmartDisplayInfo, SmartQuery } from '../../interface.ts';
import { SmartConversation } from './conversation.ts';
import { isSmartDisplayError, SmartDisplayError } from './errors.ts';
import type { Timers } from './timers.ts';

export { isSmartDisplayError, SmartDisplayError } from './errors.ts';
export type { Timers } from './timers.ts';

/** Any serialport binding (bindings-cpp, binding-mock, …), as `@serialport/stream` types it. */
export type SerialBinding = StreamOpenOptions['binding'];

export const SMART_RS232_BACKEND = 'smart-rs232';
export const SMART_BAUD_RATE = 19200;
export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_PROMPT_TIMEOUT_MS = 3000;

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

export class SmartRs232Display implements SmartDisplayControl {
  readonly name = SMART_RS232_BACKEND;

  constructor(
    readonly path: string,
    private readonly conversation: SmartConversation,
  ) {}

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

  async readInfo(): Promise<SmartDisplayInfo> {
    const serialNumber = await this.getAgain('serialnum');
    const modelNumber = await this.getAgain('modelnum');
    const firmwareVersion = await this.optional('fwversion');
    const partNumber = await this.optional('partnum');
    const powerState = await this.optional('powerstate');
    return { serialNumber, modelNumber, firmwareVersion, partNumber, powerState };
  }

  onAsyncMessage(listener: (line: string) => void): () => void {
    return this.conversation.onAsyncMessage(listener);
  }

  close(): Promise<void> {
    return this.conversation.close();
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
  return new SmartRs232Display(path, conversation);
}
