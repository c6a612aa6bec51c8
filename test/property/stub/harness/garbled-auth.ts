// Authorization headers that are certainly not the credential a route expects: absent, empty, wrong
// scheme, missing parameter, the token altered or replaced by random bytes.

import fc from 'fast-check';
import { confusablesOf, PATH_TRAVERSAL, SQL_INJECTION } from './hostile-strings.ts';

const HEADER_CHAR = fc
  .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09))
  .map((c) => String.fromCharCode(c));

/**
 * Authorization header values (undefined: no header) that are certainly NOT `<scheme> <param>=<token>`
 * (or `<scheme> <token>` when param is null): absent, empty, wrong scheme, no or empty parameter, the
 * token altered (truncated, extended, confusable, too long, non-ASCII, injection), random bytes.
 */
export function garbledAuth(
  scheme: string,
  param: string | null,
  token: string,
): fc.Arbitrary<string | undefined> {
  const cred = (t: string): string => (param === null ? `${scheme} ${t}` : `${scheme} ${param}=${t}`);
  const schemes = [
    'Bearer',
    'Basic',
    'GoogleLogin',
    'GoogleDMToken',
    'GoogleEnrollmentToken',
    'Token',
    'OAuth',
    'Digest',
  ].filter((x) => x.toLowerCase() !== scheme.toLowerCase());
  const altered = fc.oneof(
    fc.constant(token.slice(0, -1)),
    fc.constant(token.slice(1)),
    HEADER_CHAR.filter((c) => c.trim() !== '').map((c) => `${token}${c}`),
    fc.constantFrom(...confusablesOf(token), `${token}é`, `${token}\u00ff`),
    fc.integer({ min: 513, max: 3000 }).map((n) => `${token}${'x'.repeat(n)}`),
    fc.constantFrom(...SQL_INJECTION, ...PATH_TRAVERSAL),
    fc.constantFrom(`${token.toUpperCase()}`, `${token.toLowerCase()}`).filter((t) => t !== token),
  );
  return fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(
      '',
      scheme,
      `${scheme} `,
      param === null ? `${scheme} ""` : `${scheme} ${param}=`,
      param === null ? `${scheme}${token}` : `${scheme} ${param}${token}`,
      param === null ? `${scheme} ${token} ${token}` : `${scheme} ${param.toUpperCase()}=${token}`,
      `${scheme}:${token}`,
      `Basic ${Buffer.from('admin@demo.example:demo-password').toString('base64')}`,
      token,
    ),
    fc.constantFrom(...schemes).map((x) => (param === null ? `${x} ${token}` : `${x} ${param}=${token}`)),
    altered.map(cred),
    fc.string({ unit: HEADER_CHAR, maxLength: 100 }).filter((h) => !h.includes(token)),
  );
}
