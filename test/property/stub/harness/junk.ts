// Random payloads that are certainly not a valid body of a route (random JSON, serialised values, random
// bytes and Unicode), and content types that are not JSON.

import fc from 'fast-check';

export interface BodyShape {
  /** Top-level keys a valid body may have. */
  keys: readonly string[];
  /** An empty (or whitespace-only) body is a valid request. */
  emptyOk?: boolean;
  /** `null` counts as no body. */
  nullOk?: boolean;
}

/**
 * True when the bytes cannot be a valid body: not JSON, not an object, or an object with a key the
 * route does not know (unknown fields are always refused). Objects with only known keys may be valid
 * and are left out of the random properties.
 */
export function certainlyInvalid(bytes: Buffer, shape: BodyShape): boolean {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return shape.emptyOk !== true;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return true;
  }
  if (v === null) return shape.nullOk !== true;
  if (typeof v !== 'object' || Array.isArray(v)) return true;
  return Object.keys(v).some((k) => !shape.keys.includes(k));
}

/** Random JSON texts, `fc.anything()` serialised, random bytes and random Unicode, all refusable. */
export function junk(shape: BodyShape): fc.Arbitrary<Buffer> {
  return fc
    .oneof(
      fc.json({ maxDepth: 4 }).map((s) => Buffer.from(s)),
      fc
        .anything({
          maxDepth: 3,
          withBoxedValues: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withSparseArray: true,
        })
        .map((v) => Buffer.from(JSON.stringify(v) ?? '')),
      fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
      fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s)),
      fc
        .dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1 })
        .map((o) => Buffer.from(JSON.stringify(o))),
    )
    .filter((b) => certainlyInvalid(b, shape));
}

/** Content types that are not JSON (the route must not parse the valid body under them). */
export const WRONG_CONTENT_TYPE = fc.oneof(
  fc.constantFrom(
    'text/plain',
    'text/plain; charset=utf-8',
    'text/html',
    'application/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    'application/octet-stream',
    'application/json-patch+json',
    'application/jsonx',
    'application/x-json',
    'json',
    'application',
    '*/*',
    ';;;',
    '',
    'ａｐｐｌｉｃａｔｉｏｎ/ｊｓｏｎ',
    'application/јson',
  ),
  fc.constant(undefined),
  fc.stringMatching(/^[a-z]{1,11}\/[a-z0-9.+-]{1,12}$/).filter((t) => !/^application\/json$/.test(t)),
);
