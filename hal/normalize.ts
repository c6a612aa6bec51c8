// Turns the raw bytes of one hardware attribute (a DMI or VPD file, a USB string, a cpuinfo value)
// into a usable value or a named problem, per DESIGN §3. Pure, total: never throws, on any input.

import type { FieldProblem, FieldReading } from './interface.ts';

/** Default cap on a normalised value, in characters (DMI and VPD values). */
export const DEFAULT_MAX_LENGTH = 256;

/**
 * Padding allowed around a value before the raw input counts as too large without looking further.
 * A 256-character DMI value is 257 bytes on disk (trailing `\n`); VPD values may carry NUL padding.
 */
export const RAW_PADDING_ALLOWANCE = 64;

/** Vendor fillers that mean "no value" (systemd hwdb list); compared trimmed and case-insensitively. */
export const PLACEHOLDERS: readonly string[] = [
  'Default string',
  'N/A',
  'O.E.M.',
  'OEM',
  'System manufacturer',
  'System Product Name',
  'System Name',
  'To be filled by O.E.M.',
];

const PLACEHOLDER_SET: ReadonlySet<string> = new Set(PLACEHOLDERS.map((p) => p.toLowerCase()));

export interface NormalizeOptions {
  /** Longest acceptable value in characters after trimming (default 256). */
  maxLength?: number;
  /**
   * Longest raw input in bytes (default `maxLength + 64`). Anything longer is `too-large` whatever it
   * contains, so a reader only ever needs the first `maxBytes + 1` bytes of a file.
   */
  maxBytes?: number;
  /**
   * A human-readable name (VPD `model_name`, DMI vendor and product names) rather than an
   * identifier: printable UTF-8 is kept (several listed model names are French, `génération`).
   * Identifiers stay strict: any byte outside [\x21-\x7E ] is `non-printable` (DESIGN §3).
   */
  text?: boolean;
}

/** A FieldReading without its source: `value` is null exactly when `problem` is set. */
export type NormalizedValue = { value: string; problem?: undefined } | { value: null; problem: FieldProblem };

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
/** C1 controls, format and separator characters that have no business in a product name. */
const UNPRINTABLE_TEXT =
  /[\u0080-\u009F\u00AD\u2028\u2029\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFD]/u;

/** Valid UTF-8 without control or invisible format characters, else null. */
function decodePrintableUtf8(bytes: Uint8Array): string | null {
  try {
    const text = STRICT_UTF8.decode(bytes);
    return UNPRINTABLE_TEXT.test(text) ? null : text.normalize('NFC');
  } catch {
    return null;
  }
}

/** Bytes trimmed from both ends: NUL, tab, LF, VT, FF, CR, space. */
function isPadding(byte: number): boolean {
  return byte === 0x00 || byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

function isPrintable(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x21 && byte <= 0x7e);
}

function validLimit(n: number | undefined, fallback: number): number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : fallback;
}

/** The effective limits for `opts` (exported so that readers read exactly `maxBytes + 1` bytes). */
export function normalizeLimits(opts?: NormalizeOptions): { maxLength: number; maxBytes: number } {
  const maxLength = validLimit(opts?.maxLength, DEFAULT_MAX_LENGTH);
  const maxBytes = Math.max(maxLength, validLimit(opts?.maxBytes, maxLength + RAW_PADDING_ALLOWANCE));
  return { maxLength, maxBytes };
}

function problem(p: FieldProblem): NormalizedValue {
  return { value: null, problem: p };
}

/**
 * Normalises one raw attribute. Strings are taken as their UTF-8 bytes, so a string and the file
 * holding it normalise identically. Checks, in order: null → `missing`; more than `maxBytes` raw
 * bytes → `too-large`; trim NUL/whitespace padding; nothing left → `empty`; more than `maxLength`
 * characters → `too-large`; a byte outside [\x21-\x7E ] (control, non-ASCII, invalid UTF-8) →
 * `non-printable`; a placeholder → `placeholder`; one character repeated (length ≥ 2) →
 * `repeated-character`.
 */
export function normalizeValue(
  raw: Uint8Array | string | null | undefined,
  opts?: NormalizeOptions,
): NormalizedValue {
  try {
    if (raw === null || raw === undefined) return problem('missing');
    const { maxLength, maxBytes } = normalizeLimits(opts);
    let bytes: Uint8Array;
    if (typeof raw === 'string') {
      // UTF-8 never takes fewer bytes than UTF-16 code units: a long string is too large unencoded.
      if (raw.length > maxBytes) return problem('too-large');
      bytes = Buffer.from(raw, 'utf8');
    } else if (raw instanceof Uint8Array) {
      bytes = raw;
    } else {
      return problem('non-printable');
    }
    if (bytes.length > maxBytes) return problem('too-large');

    let start = 0;
    let end = bytes.length;
    while (start < end && isPadding(bytes[start] ?? 0)) start++;
    while (end > start && isPadding(bytes[end - 1] ?? 0)) end--;
    const length = end - start;
    if (length === 0) return problem('empty');
    if (length > maxLength) return problem('too-large');

    let allSame = true;
    let nonAscii = false;
    const first = bytes[start] ?? 0;
    for (let i = start; i < end; i++) {
      const b = bytes[i] ?? 0;
      if (!isPrintable(b)) {
        if (!opts?.text || b < 0x80) return problem('non-printable');
        nonAscii = true;
      }
      if (b !== first) allSame = false;
    }
    const slice = Buffer.from(bytes.buffer, bytes.byteOffset + start, length);
    let value: string;
    if (nonAscii) {
      const text = decodePrintableUtf8(slice);
      if (text === null) return problem('non-printable');
      value = text;
    } else {
      // Only printable ASCII is left, so latin1 decoding is exact.
      value = slice.toString('latin1');
    }
    if (PLACEHOLDER_SET.has(value.toLowerCase())) return problem('placeholder');
    if (allSame && length >= 2) return problem('repeated-character');
    return { value };
  } catch {
    // Unreachable for well-typed input; kept so that the function is total even for exotic objects.
    return problem('non-printable');
  }
}

/** Attaches the backend name to a normalised value. */
export function toReading(normalized: NormalizedValue, source: string): FieldReading {
  return normalized.value === null
    ? { value: null, source, problem: normalized.problem }
    : { value: normalized.value, source };
}

/** A reading that never got as far as normalisation (missing file, permission error, …). */
export function problemReading(p: FieldProblem, source: string): FieldReading {
  return { value: null, source, problem: p };
}
