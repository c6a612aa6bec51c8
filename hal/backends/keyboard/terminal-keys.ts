// Alt+V as a terminal sends it: ESC then `v` (DESIGN §3). Pure, handles sequences split across
// chunks. ESC followed by anything else (arrow keys' CSI, Alt+other) is ignored.

export const ESC = 0x1b;
export const LOWER_V = 0x76;
export const CTRL_C = 0x03;

export class EscVDetector {
  private afterEsc = false;

  /** Number of ESC `v` sequences completed by this chunk. */
  push(chunk: Uint8Array): number {
    let presses = 0;
    for (const byte of chunk) {
      if (this.afterEsc) {
        this.afterEsc = byte === ESC;
        if (byte === LOWER_V) presses += 1;
      } else if (byte === ESC) {
        this.afterEsc = true;
      }
    }
    return presses;
  }
}
