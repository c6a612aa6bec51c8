import type { KeyboardSourceKind } from '../../interface.ts';

/**
 * Why a keyboard source cannot start. `unavailable`: the backend cannot work on this host (native
 * module missing, not a terminal). `no-device`: no keyboard found. `open-failed`: a keyboard was found
 * but could not be opened (permissions, unplugged).
 */
export type KeyboardErrorCode = 'unavailable' | 'no-device' | 'open-failed';

/** Every failure of a keyboard source. Guards test `code`, never the message. */
export class KeyboardSourceError extends Error {
  override readonly name = 'KeyboardSourceError';
  readonly code: KeyboardErrorCode;
  readonly source: KeyboardSourceKind;

  constructor(
    source: KeyboardSourceKind,
    code: KeyboardErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.source = source;
    this.code = code;
  }
}

export function isKeyboardSourceError(
  error: unknown,
  code?: KeyboardErrorCode,
): error is KeyboardSourceError {
  return error instanceof KeyboardSourceError && (code === undefined || error.code === code);
}
