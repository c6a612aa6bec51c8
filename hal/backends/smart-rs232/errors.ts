import type { SmartErrorCode } from '../../interface.ts';

/** Every failure of the SMART control channel. Guards test `code`, never the message. */
export class SmartDisplayError extends Error {
  override readonly name = 'SmartDisplayError';
  readonly code: SmartErrorCode;
  /** What `get powerstate` answered, for `display-not-ready` (null when unknown). */
  readonly powerState: string | null;

  constructor(code: SmartErrorCode, message: string, options?: { cause?: unknown; powerState?: string }) {
    super(message, options);
    this.code = code;
    this.powerState = options?.powerState ?? null;
  }
}

/** True for a SmartDisplayError, and when `code` is given, one with that code. */
export function isSmartDisplayError(error: unknown, code?: SmartErrorCode): error is SmartDisplayError {
  return error instanceof SmartDisplayError && (code === undefined || error.code === code);
}
