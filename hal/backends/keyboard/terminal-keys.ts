// Terminal input split into keys (DESIGN §3 Alt+V sources (c)): Alt+V arrives as ESC `v`, a lone Esc
// as a single ESC byte, arrow keys and other CSI sequences are skipped whole. Pure, never throws; an
// ESC ending a longer chunk waits for the next chunk to say what it was. The one parser of terminal
// keys: the terminal keyboard source uses it, and the text UI reads the keys that source forwards.

import type { TerminalKey } from '../../interface.ts';

export type { TerminalKey } from '../../interface.ts';

export const ESC = 0x1b;
export const LOWER_V = 0x76;
export const CTRL_C = 0x03;
export const CTRL_D = 0x04;
const CSI_INTRODUCER = 0x5b; // `[`

export class TerminalKeyParser {
  /** An ESC that ended a longer chunk: the next chunk says what it was. */
  #pendingEscape = false;
  #inCsi = false;

  push(chunk: Uint8Array): TerminalKey[] {
    const keys: TerminalKey[] = [];
    // A key press on its own: a lone Esc (Alt+V is sent as ESC and `v` together).
    if (chunk.length === 1 && chunk[0] === ESC && !this.#pendingEscape) return [{ kind: 'escape' }];
    for (const byte of chunk) {
      if (this.#inCsi) {
        if (byte >= 0x40 && byte <= 0x7e) this.#inCsi = false;
        continue;
      }
      if (this.#pendingEscape) {
        this.#pendingEscape = false;
        if (byte === LOWER_V) {
          keys.push({ kind: 'alt-v' });
          continue;
        }
        if (byte === CSI_INTRODUCER) {
          this.#inCsi = true;
          continue;
        }
        keys.push({ kind: 'escape' });
      }
      if (byte === ESC) this.#pendingEscape = true;
      else if (byte === 0x0d || byte === 0x0a) keys.push({ kind: 'enter' });
      else if (byte === 0x7f || byte === 0x08) keys.push({ kind: 'backspace' });
      else if (byte === CTRL_C || byte === CTRL_D) keys.push({ kind: 'interrupt' });
      else if (byte >= 0x20 && byte < 0x7f) keys.push({ kind: 'char', char: String.fromCharCode(byte) });
    }
    return keys;
  }
}

/** Number of Alt+V (ESC `v`) presses in `chunk`, for callers that only want those. */
export function countAltV(parser: TerminalKeyParser, chunk: Uint8Array): number {
  return parser.push(chunk).filter((key) => key.kind === 'alt-v').length;
}
