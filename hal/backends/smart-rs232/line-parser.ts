// Splits the byte stream of a SMART display's RS-232 port into lines and prompts. Pure: no I/O, no
// timers, never throws on any input. See DESIGN §3 (SMART Board displays).
//
// - A line ends at LF, CR or CRLF (a CRLF split across two chunks counts once).
// - `>` at the start of a line is the prompt. The prompt carries no line ending, so the position after
//   it still counts as the start of a line: `>>` is two prompts, and `>serialnum=X` (the reply to the
//   next command following the previous prompt) is a prompt and then the line `serialnum=X`.
// - In `promptAnywhere` mode (used while waiting for the first prompt, when power-on garbage without
//   a line ending may precede it) a `>` anywhere is the prompt and whatever preceded it is discarded.
// - Bytes are decoded as latin1, so garbage never fails to decode.
// - A line longer than `maxLineLength` keeps its first `maxLineLength` characters, is flagged
//   `truncated`, and the excess is dropped: memory stays bounded however long the line.

export type LineEvent = { type: 'line'; text: string; truncated: boolean } | { type: 'prompt' };

export interface LineParserOptions {
  /** Longest line kept, in bytes (default 4096). */
  maxLineLength?: number;
  /** Accept `>` anywhere as the prompt (default false: only at the start of a line). */
  promptAnywhere?: boolean;
}

export const DEFAULT_MAX_LINE_LENGTH = 4096;

const CR = 0x0d;
const LF = 0x0a;
const PROMPT = 0x3e;

export class LineParser {
  readonly maxLineLength: number;
  promptAnywhere: boolean;
  private parts: string[] = [];
  private length = 0;
  private truncated = false;
  private atLineStart = true;
  private afterCR = false;

  constructor(options: LineParserOptions = {}) {
    const max = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    this.maxLineLength = Number.isInteger(max) && max > 0 ? max : DEFAULT_MAX_LINE_LENGTH;
    this.promptAnywhere = options.promptAnywhere ?? false;
  }

  /** Bytes of the current, unterminated line held in memory (never more than `maxLineLength`). */
  get bufferedLength(): number {
    return this.length;
  }

  /** Feeds a chunk; returns the lines and prompts it completed, in order. */
  push(chunk: Uint8Array): LineEvent[] {
    const events: LineEvent[] = [];
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0; // start of the pending text run inside this chunk
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (byte === LF && this.afterCR) {
        // The LF of a CRLF: the line already ended at the CR.
        this.afterCR = false;
        start = i + 1;
        continue;
      }
      this.afterCR = false;
      if (byte === CR || byte === LF) {
        this.append(bytes, start, i);
        events.push(this.takeLine());
        this.atLineStart = true;
        this.afterCR = byte === CR;
        start = i + 1;
      } else if (byte === PROMPT && (this.promptAnywhere || this.atLineStart)) {
        // Whatever preceded a prompt found mid-line (garbage) is discarded.
        this.discard();
        events.push({ type: 'prompt' });
        this.atLineStart = true;
        start = i + 1;
      } else {
        this.atLineStart = false;
      }
    }
    this.append(bytes, start, bytes.length);
    return events;
  }

  /** Drops the unterminated line (e.g. when a new conversation starts). */
  reset(): void {
    this.discard();
    this.atLineStart = true;
    this.afterCR = false;
  }

  private append(bytes: Buffer, from: number, to: number): void {
    if (to <= from) return;
    const room = this.maxLineLength - this.length;
    const take = Math.min(room, to - from);
    if (take > 0) {
      this.parts.push(bytes.toString('latin1', from, from + take));
      this.length += take;
    }
    if (take < to - from) this.truncated = true;
  }

  private takeLine(): LineEvent {
    const event: LineEvent = { type: 'line', text: this.parts.join(''), truncated: this.truncated };
    this.discard();
    return event;
  }

  private discard(): void {
    this.parts = [];
    this.length = 0;
    this.truncated = false;
  }
}
