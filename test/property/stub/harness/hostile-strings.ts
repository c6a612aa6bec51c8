// Hostile strings the property tests put in fields, headers and paths: SQL injection, path traversal,
// look-alike letters, Unicode traps, control characters and byte sequences that are not UTF-8.

export const SQL_INJECTION = [
  `' OR 1=1 --`,
  `'; DROP TABLE devices; --`,
  `" OR ""="`,
  `1; DELETE FROM devices`,
  `') OR ('1'='1`,
  `'OR'1'='1'--`,
  `admin'--`,
  `x' UNION SELECT token_sha256, email, customer_id, created_at FROM admin_sessions --`,
  `%' OR '%'='`,
  `1);ATTACH DATABASE '/tmp/x' AS x;--`,
  `\\'; UPDATE customers SET ceu_total=999999; --`,
  `NXTEST' OR device_id LIKE '%`,
] as const;

export const PATH_TRAVERSAL = [
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%252e%252e%252f',
  '..%2F..%2F',
  '/../../../../etc/shadow',
  '....//....//',
  '..%c0%af..%c0%af',
  'file:///etc/passwd',
  '/%00/etc/passwd',
] as const;

/** Look-alikes of ASCII letters (Cyrillic, Greek, full-width, dotless…). */
export const CONFUSABLE: Readonly<Record<string, string>> = {
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  i: 'і',
  C: 'С',
  A: 'Α',
  O: 'Ο',
  '0': '０',
  '2': '２',
  '/': '／',
  '.': '．',
  '-': '‐',
};

export const UNICODE_TRAPS = [
  'ｐｏｌｉｃｙ',
  '\u202eevil',
  'a\u200bb',
  '\ufeffBOM',
  'ǅ',
  '🔥',
  '\u0130stanbul',
  'Ⅻ',
] as const;

export const HOSTILE: readonly string[] = [...SQL_INJECTION, ...PATH_TRAVERSAL, ...UNICODE_TRAPS];

/** Control characters, including the ones JSON must escape and those sqlite or C would treat specially. */
export const CONTROL = ['\u0000', '\u0001', '\b', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u2028'];

/** Byte sequences that are not UTF-8 (overlong, lone continuation, surrogate halves, > U+10FFFF). */
export const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xff]),
  Buffer.from([0xfe, 0xff]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0x80]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  Buffer.from([0xe2, 0x82]),
];

/** Replaces one letter of `s` by a look-alike (each generated string differs from `s`). */
export function confusablesOf(s: string): string[] {
  const out: string[] = [];
  [...s].forEach((ch, i) => {
    const look = CONFUSABLE[ch];
    if (look !== undefined) out.push([...s.slice(0, i)].join('') + look + [...s].slice(i + 1).join(''));
  });
  return out;
}
