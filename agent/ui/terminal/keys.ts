// Splits terminal input into the keys the terminal UI cares about. Alt+V arrives as ESC `v`; a lone
// Esc arrives as a single ESC byte; arrow keys and other CSI sequences are skipped whole.

export type TerminalKey =
  | { kind: 'alt-v' }
  | { kind: 'escape' }
  | { kind: 'enter' }
  | { kind: 'backspace' }
  | { kind: 'interrupt' }
  | { kind: 'char'; char: string };

const ESC = 0x1b;

export class TerminalKeyParser {
  /** An ESC that ended a longer chunk: the next chunk says what it was. */
  #pendingEscape = false;
  #inCsi = false;

  push(chunk: Uint8Array): TerminalKey[] {
    const keys: TerminalKey[] = [];
    // A key press on its own: a lone Esc.
    if (chunk.length === 1 && chunk[0] === ESC && !this.#pendingEscape) return [{ kind: 'escape' }];
    for (const byte of chunk) {
      if (this.#inCsi) {
        if (byte >= 0x40 && byte <= 0x7e) this.#inCsi = false;
        continue;
      }
      if (this.#pendingEscape) {
        this.#pendingEscape = false;
        if (byte === 0x76) {
          keys.push({ kind: 'alt-v' });
          continue;
        }
        if (byte === 0x5b) {
          this.#inCsi = true;
          continue;
        }
        keys.push({ kind: 'escape' });
      }
      if (byte === ESC) this.#pendingEscape = true;
      else if (byte === 0x0d || byte === 0x0a) keys.push({ kind: 'enter' });
      else if (byte === 0x7f || byte === 0x08) keys.push({ kind: 'backspace' });
      else if (byte === 0x03 || byte === 0x04) keys.push({ kind: 'interrupt' });
      else if (byte >= 0x20 && byte < 0x7f) keys.push({ kind: 'char', char: String.fromCharCode(byte) });
    }
    return keys;
  }
}
