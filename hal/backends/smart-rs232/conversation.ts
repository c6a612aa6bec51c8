// The host side of the SMART RS-232 conversation, independent of serialport: bytes come in through
// `receive`, go out through a ByteChannel. One command at a time; each waits for the `>` prompt.

import { SmartDisplayError } from './errors.ts';
import { type LineEvent, LineParser } from './line-parser.ts';
import { systemTimers, type Timers } from './timers.ts';

/** The byte pipe under the conversation (a serial port in production). */
export interface ByteChannel {
  write(data: Buffer): Promise<void>;
  close(): Promise<void>;
}

export interface ConversationOptions {
  /** Longest wait for a command's reply and prompt. */
  timeoutMs: number;
  /** Longest wait for the prompt after a bare CR (at open, and to resynchronise after a time-out). */
  promptTimeoutMs: number;
  maxLineLength?: number;
  timers?: Timers;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: SmartDisplayError): void;
}

type Pending =
  | ({ kind: 'prompt' } & Waiter<void>)
  | ({
      kind: 'command';
      echo: string;
      reply: LineEvent & { type: 'line' };
      replied: boolean;
    } & Waiter<string>);

/** `invalid cmd=<echo>` (MX V1) or `invalid cmd: <echo>` (MX V2/V2-C/V3, 6000S V3). */
const INVALID_COMMAND = /^invalid\s+cmd\s*[=:]/i;

export class SmartConversation {
  private readonly parser: LineParser;
  private readonly timers: Timers;
  private readonly listeners = new Set<(line: string) => void>();
  private pending: Pending | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private closedError: SmartDisplayError | null = null;
  private closing: Promise<void> | null = null;
  /** A bare CR / `>` exchange is due before the next command (at open, and after a time-out). */
  private needsSync = true;

  constructor(
    private readonly channel: ByteChannel,
    private readonly options: ConversationOptions,
  ) {
    this.parser = new LineParser({ maxLineLength: options.maxLineLength });
    this.timers = options.timers ?? systemTimers;
  }

  /** Sends a bare CR and waits for `>`, ignoring anything before it. Rejects with `no-prompt`. */
  handshake(): Promise<void> {
    return this.enqueue(() => this.sync());
  }

  /** Sends `text` + CR and resolves with the reply line (trimmed) once the prompt follows it. */
  command(text: string): Promise<string> {
    return this.enqueue(async () => {
      if (this.needsSync) await this.sync();
      return this.exchange(text);
    });
  }

  /** The next command starts with a bare CR / `>` exchange (after a reply that made no sense). */
  resynchronise(): void {
    this.needsSync = true;
  }

  onAsyncMessage(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Bytes from the display. */
  receive(chunk: Uint8Array): void {
    if (this.closedError) return;
    for (const event of this.parser.push(chunk)) {
      if (event.type === 'prompt') this.onPrompt();
      else this.onLine(event);
    }
  }

  /** The channel went away underneath us (unplugged, port closed by someone else). */
  channelClosed(error: SmartDisplayError): void {
    if (this.closedError) return;
    this.closedError = error;
    this.pending?.reject(error);
  }

  get closed(): boolean {
    return this.closedError !== null;
  }

  /** Rejects the command in flight and every queued one with `disconnected`, then closes the channel. */
  close(): Promise<void> {
    if (!this.closing) {
      this.channelClosed(new SmartDisplayError('disconnected', 'the SMART display channel was closed'));
      this.closing = this.channel.close().catch(() => undefined);
    }
    return this.closing;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(
      () => this.guarded(task),
      () => this.guarded(task),
    );
    this.tail = run.catch(() => undefined);
    return run;
  }

  private guarded<T>(task: () => Promise<T>): Promise<T> {
    if (this.closedError) return Promise.reject(this.closedError);
    return task();
  }

  private async sync(): Promise<void> {
    this.parser.reset();
    this.parser.promptAnywhere = true;
    try {
      await this.wait<void>(
        (waiter) => ({ kind: 'prompt', ...waiter }),
        Buffer.from('\r', 'latin1'),
        this.options.promptTimeoutMs,
        () =>
          new SmartDisplayError(
            'no-prompt',
            `no '>' prompt from the display within ${this.options.promptTimeoutMs} ms ` +
              '(display in soft-off, wrong port, or cable not connected)',
          ),
      );
      this.needsSync = false;
    } finally {
      this.parser.promptAnywhere = false;
    }
  }

  private exchange(text: string): Promise<string> {
    return this.wait<string>(
      (waiter) => ({
        kind: 'command',
        echo: text.trim().toLowerCase(),
        reply: { type: 'line', text: '', truncated: false },
        replied: false,
        ...waiter,
      }),
      Buffer.from(`${text}\r`, 'latin1'),
      this.options.timeoutMs,
      () => {
        this.needsSync = true;
        return new SmartDisplayError('timeout', `no answer to '${text}' within ${this.options.timeoutMs} ms`);
      },
    );
  }

  private wait<T>(
    makePending: (waiter: Waiter<T>) => Pending,
    bytes: Buffer,
    timeoutMs: number,
    onTimeout: () => SmartDisplayError,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = this.timers.setTimeout(() => {
        waiter.reject(onTimeout());
      }, timeoutMs);
      const waiter: Waiter<T> = {
        resolve: (value) => {
          if (settled) return;
          settled = true;
          this.timers.clearTimeout(timer);
          if (this.pending === pending) this.pending = null;
          resolve(value);
        },
        reject: (error) => {
          if (settled) return;
          settled = true;
          this.timers.clearTimeout(timer);
          if (this.pending === pending) this.pending = null;
          reject(error);
        },
      };
      const pending = makePending(waiter);
      this.pending = pending;
      this.channel.write(bytes).catch((cause: unknown) => {
        waiter.reject(
          new SmartDisplayError('disconnected', 'writing to the SMART display failed', { cause }),
        );
      });
    });
  }

  private onLine(event: LineEvent & { type: 'line' }): void {
    if (event.text.startsWith('#')) {
      this.deliverAsync(event.text);
      return;
    }
    const pending = this.pending;
    if (pending?.kind !== 'command' || pending.replied) return; // garbage, stale or extra lines
    const trimmed = event.text.trim();
    if (trimmed === '' || trimmed.toLowerCase() === pending.echo) return; // blank line or our echo
    pending.reply = event;
    pending.replied = true;
  }

  private onPrompt(): void {
    const pending = this.pending;
    if (!pending) return;
    if (pending.kind === 'prompt') {
      pending.resolve();
      return;
    }
    // A prompt before any reply line is stray (the answer to a resynchronising CR, or a display that
    // echoes a prompt): keep waiting for the reply.
    if (!pending.replied) return;
    const { text, truncated } = pending.reply;
    if (truncated) {
      pending.reject(
        new SmartDisplayError('malformed-reply', `reply longer than ${this.parser.maxLineLength} bytes`),
      );
    } else if (INVALID_COMMAND.test(text.trim())) {
      pending.reject(new SmartDisplayError('invalid-command', `the display answered '${text.trim()}'`));
    } else {
      pending.resolve(text.trim());
    }
  }

  private deliverAsync(line: string): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(line);
      } catch {
        // A listener's failure must not break the conversation or the serial data handler.
      }
    }
  }
}
