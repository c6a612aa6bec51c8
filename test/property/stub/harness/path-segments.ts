// URL path segments: `seg` percent-encodes any string into one segment, `hostileSegment` generates
// segments that must not reach another record (other ids, injection, traversal, confusables, very long).

import fc from 'fast-check';
import { confusablesOf, HOSTILE } from './hostile-strings.ts';

/**
 * Percent-encodes a path segment or query component byte by byte (so any string, including `/`, `..`,
 * `%` and lone surrogates, stays one component).
 */
export function seg(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9_.~-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Path segments: other ids, injection, traversal (raw and encoded), confusables, very long, empty. */
export function hostileSegment(valid: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .constantFrom(
        ...HOSTILE,
        ...confusablesOf(valid),
        `${valid}x`,
        valid.slice(0, -1),
        valid.toLowerCase(),
        ' ',
        '.',
        '..',
      )
      .map(seg),
    fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2E%2E%2F..',
      '..%2f..%2f',
      '%00',
      '%zz',
      '%E0%A4%A',
      '%ff%fe',
      '%',
      `${valid}%2F..`,
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map(seg),
    fc.integer({ min: 65, max: 700 }).map((n) => 'A'.repeat(n)),
  );
}
