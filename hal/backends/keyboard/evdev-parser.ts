// Linux evdev decoding (DESIGN §3 Alt+V sources). Pure: no I/O, never throws on any input.
// `struct input_event` on 64-bit Linux is 24 bytes, little-endian: struct timeval (s64 tv_sec,
// s64 tv_usec), u16 type, u16 code, s32 value.

export const INPUT_EVENT_SIZE = 24;
export const EV_SYN = 0;
export const EV_KEY = 1;
export const SYN_DROPPED = 3;
export const KEY_LEFTALT = 56;
export const KEY_RIGHTALT = 100;
export const KEY_V = 47;
export const KEY_RELEASE = 0;
export const KEY_PRESS = 1;
export const KEY_REPEAT = 2;

export interface InputEvent {
  seconds: number;
  microseconds: number;
  type: number;
  code: number;
  value: number;
}

/** Decodes the 24-byte event at `offset` (the caller guarantees 24 bytes are there). */
export function decodeInputEvent(bytes: Buffer, offset = 0): InputEvent {
  return {
    seconds: Number(bytes.readBigInt64LE(offset)),
    microseconds: Number(bytes.readBigInt64LE(offset + 8)),
    type: bytes.readUInt16LE(offset + 16),
    code: bytes.readUInt16LE(offset + 18),
    value: bytes.readInt32LE(offset + 20),
  };
}

/** Encodes one event (the simulator and tests write these). */
export function encodeInputEvent(
  event: Pick<InputEvent, 'type' | 'code' | 'value'> & Partial<InputEvent>,
): Buffer {
  const bytes = Buffer.alloc(INPUT_EVENT_SIZE);
  bytes.writeBigInt64LE(BigInt(Math.trunc(event.seconds ?? 0)), 0);
  bytes.writeBigInt64LE(BigInt(Math.trunc(event.microseconds ?? 0)), 8);
  bytes.writeUInt16LE(event.type & 0xffff, 16);
  bytes.writeUInt16LE(event.code & 0xffff, 18);
  bytes.writeInt32LE(event.value | 0, 20);
  return bytes;
}

/** Reassembles events from chunks of any size; at most 23 bytes are ever held back. */
export class InputEventParser {
  private rest: Buffer = Buffer.alloc(0);

  get pendingBytes(): number {
    return this.rest.length;
  }

  push(chunk: Uint8Array): InputEvent[] {
    const bytes =
      this.rest.length === 0
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.concat([this.rest, chunk]);
    const whole = bytes.length - (bytes.length % INPUT_EVENT_SIZE);
    const events: InputEvent[] = [];
    for (let offset = 0; offset < whole; offset += INPUT_EVENT_SIZE)
      events.push(decodeInputEvent(bytes, offset));
    this.rest = Buffer.from(bytes.subarray(whole)); // copy: never pin the caller's buffer
    return events;
  }
}

/**
 * Alt+V from key events: KEY_V pressed (value 1) while either Alt is held. Auto-repeat (value 2)
 * does not fire again. SYN_DROPPED means the kernel lost events, so held keys are forgotten.
 */
export class EvdevAltVDetector {
  private leftAlt = false;
  private rightAlt = false;

  /** True when this event completes an Alt+V. */
  handle(event: InputEvent): boolean {
    if (event.type === EV_SYN && event.code === SYN_DROPPED) {
      this.leftAlt = false;
      this.rightAlt = false;
      return false;
    }
    if (event.type !== EV_KEY) return false;
    const down = event.value !== KEY_RELEASE;
    switch (event.code) {
      case KEY_LEFTALT:
        this.leftAlt = down;
        return false;
      case KEY_RIGHTALT:
        this.rightAlt = down;
        return false;
      case KEY_V:
        return event.value === KEY_PRESS && (this.leftAlt || this.rightAlt);
      default:
        return false;
    }
  }
}

/** Bytes in, number of Alt+V presses out. */
export class EvdevAltVDecoder {
  private readonly parser = new InputEventParser();
  private readonly detector = new EvdevAltVDetector();

  push(chunk: Uint8Array): number {
    let presses = 0;
    for (const event of this.parser.push(chunk)) if (this.detector.handle(event)) presses += 1;
    return presses;
  }
}
