// JSON with raw pieces spliced in: bodies no JSON.stringify can write (invalid UTF-8, `1e999`,
// 3000-deep nesting), for the generators that corrupt one field of a valid body.

export class Raw {
  constructor(readonly bytes: Buffer) {}
}
export const raw = (x: string | Buffer): Raw => new Raw(typeof x === 'string' ? Buffer.from(x, 'utf8') : x);

/** JSON.stringify, except that Raw values are written verbatim (as bytes). */
export function encode(v: unknown): Buffer {
  const parts: Buffer[] = [];
  const walk = (x: unknown): void => {
    if (x instanceof Raw) parts.push(x.bytes);
    else if (Array.isArray(x)) {
      parts.push(Buffer.from('['));
      x.forEach((e, i) => {
        if (i > 0) parts.push(Buffer.from(','));
        walk(e);
      });
      parts.push(Buffer.from(']'));
    } else if (typeof x === 'object' && x !== null) {
      parts.push(Buffer.from('{'));
      Object.keys(x).forEach((k, i) => {
        if (i > 0) parts.push(Buffer.from(','));
        parts.push(Buffer.from(`${JSON.stringify(k)}:`));
        walk((x as Record<string, unknown>)[k]);
      });
      parts.push(Buffer.from('}'));
    } else parts.push(Buffer.from(JSON.stringify(x) ?? 'null'));
  };
  walk(v);
  return Buffer.concat(parts);
}
