// Shared machinery of the stub's bad-input property tests (issue 3 item 9, issue 7 item 4):
//  - a raw HTTP client (node:http, one connection per request, explicit content-length, any bytes as
//    body) that fails loudly when the server drops the connection;
//  - a snapshot of the whole database (row count + SHA-256 of every table, and the stub's clock) to
//    prove that a refused request wrote nothing;
//  - `expectRefused`: 4xx, JSON `{error_message, error_code | dm_status}`, field named, nothing written;
//  - generators that start from a VALID request and corrupt exactly one field (`corrupt`), plus fully
//    random payloads (`junk`), hostile strings (SQL injection, path traversal, confusables) and garbled
//    Authorization headers.

import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import fc from 'fast-check';
import { expect } from 'vitest';
import { dmStatusForHttp } from '../../../protocol/status.ts';
import type { StartedStub } from '../../helpers/stub.ts';

// ---------------------------------------------------------------------------------------------------
// HTTP

export interface Req {
  method: string;
  path: string;
  headers?: Record<string, string | undefined>;
  body?: string | Buffer;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body as received (DM answers are protobuf, not text). */
  bytes: Buffer;
}

/** One request on its own connection; rejects (→ the property fails) if the connection is dropped. */
export function send(url: string, req: Req): Promise<Answer> {
  const u = new URL(url);
  const headers: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(req.headers ?? {})) {
    // Beyond Latin-1, send the UTF-8 bytes (what a UTF-8 client would put on the wire).
    const wide = v !== undefined && Array.from(v).some((c) => (c.codePointAt(0) ?? 0) > 0xff);
    if (v !== undefined) headers[k] = wide ? Buffer.from(v, 'utf8').toString('latin1') : v;
  }
  if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      { host: u.hostname, port: u.port, method: req.method, path: req.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: bytes.toString('utf8'), bytes });
        });
        res.on('error', (e) =>
          reject(new Error(`connection dropped while reading the answer: ${e.message}`)),
        );
      },
    );
    // An error after the answer was read (e.g. EPIPE while still sending a refused 1 MiB body) is moot.
    r.on('error', (e) => reject(new Error(`connection dropped: ${e.message}`)));
    r.end(req.body);
  });
}

export const JSON_TYPE = 'application/json';

export function jsonBody(a: Answer): Record<string, unknown> {
  const v: unknown = JSON.parse(a.text);
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new Error(`not a JSON object: ${a.text}`);
  return v as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------
// Database snapshots

export interface State {
  tables: Record<string, string>;
  clock: string;
}

/** Every table's row count and content hash, and the stub's clock (test hooks can move it). */
export function snapshot(s: StartedStub): State {
  const db = s.stub.db;
  const names = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  const tables: Record<string, string> = {};
  for (const t of names) {
    const rows = db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all();
    const hash = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
    tables[t] = `${rows.length} rows, sha256 ${hash}`;
  }
  return { tables, clock: s.stub.clock.now().toISOString() };
}

/** The snapshot without some tables (those a valid request legitimately writes). */
export function without(state: State, ...tables: string[]): State {
  const kept = Object.fromEntries(Object.entries(state.tables).filter(([t]) => !tables.includes(t)));
  return { tables: kept, clock: state.clock };
}

export function expectIntegrity(s: StartedStub): void {
  expect(s.stub.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(s.stub.db.pragma('foreign_key_check')).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------
// The refusal contract

export interface Refusal {
  /** The DM endpoint answers `dm_status` (the one DESIGN §5 pairs with the HTTP status). */
  dm?: boolean;
  /** The error_message must name this field (substring) or match this pattern. */
  field?: string | RegExp | undefined;
  status?: number | readonly number[];
}

function describeReq(req: Req, a: Answer): string {
  const body =
    req.body === undefined ? '' : ` body(${Buffer.byteLength(req.body)}B)=${String(req.body).slice(0, 160)}`;
  return `${req.method} ${req.path.slice(0, 160)} auth=${JSON.stringify(req.headers?.authorization)}${body} → ${a.status} ${a.text.slice(0, 300)}`;
}

/** Sends the request and checks: a 4xx, a JSON error body naming the field, and nothing written. */
export async function expectRefused(s: StartedStub, req: Req, exp: Refusal = {}): Promise<Answer> {
  const before = snapshot(s);
  const a = await send(s.url, req);
  const where = describeReq(req, a);
  expect(a.status, where).toBeGreaterThanOrEqual(400);
  expect(a.status, where).toBeLessThan(500);
  if (exp.status !== undefined) {
    const allowed = typeof exp.status === 'number' ? [exp.status] : exp.status;
    expect(allowed, where).toContain(a.status);
  }
  expect(a.headers['content-type'], where).toMatch(/^application\/json/);
  const body = jsonBody(a);
  expect(typeof body.error_message, where).toBe('string');
  expect(String(body.error_message).length, where).toBeGreaterThan(0);
  if (exp.dm === true) expect(body.dm_status, where).toBe(dmStatusForHttp(a.status));
  else expect(typeof body.error_code, where).toBe('string');
  if (typeof exp.field === 'string') expect(body.error_message, where).toContain(exp.field);
  else if (exp.field !== undefined) expect(body.error_message, where).toMatch(exp.field);
  expect(snapshot(s), where).toEqual(before);
  return a;
}

// ---------------------------------------------------------------------------------------------------
// JSON with raw pieces (invalid UTF-8, `1e999`, 3000-deep nesting) spliced in

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

// ---------------------------------------------------------------------------------------------------
// Hostile strings

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

// ---------------------------------------------------------------------------------------------------
// Specs of request bodies and the single-field corruptions they admit

export type Spec =
  | {
      t: 'str';
      min?: number;
      max: number;
      /** Extra condition of a valid value (pattern, enum, existence), beyond the length. */
      ok?: (s: string) => boolean;
      /** Only [\x21-\x7E] or an enum: invalid UTF-8 and non-ASCII make it invalid. */
      ascii?: boolean;
      /** More values known to be invalid (kept only if `ok` says so). */
      bad?: readonly string[];
      /** Lone surrogates are accepted (strings not parsed by the stub's HTTP JSON parser). */
      surrogatesOk?: boolean;
      opt?: boolean;
    }
  | { t: 'int'; min: number; max: number; bad?: readonly number[]; opt?: boolean }
  | { t: 'bool'; opt?: boolean }
  | { t: 'obj'; fields: Readonly<Record<string, Spec>>; opt?: boolean }
  | { t: 'arr'; item: Spec; max: number; opt?: boolean };

type Path = readonly (string | number)[];

type Op =
  | { kind: 'set'; path: Path; value: unknown }
  | { kind: 'drop'; path: Path }
  | { kind: 'add'; path: Path; key: string; value: unknown };

interface Target {
  path: Path;
  spec: Spec;
  present: boolean;
  /** An element of an array (dropping it leaves a valid, shorter array). */
  item?: boolean;
}

export interface Corrupted {
  body: Buffer;
  /** The field the answer must name (undefined: the body is not JSON any more, no field to name). */
  field: string | undefined;
  what: string;
}

/** A lone UTF-16 surrogate: not well-formed Unicode, refused in any string of any body. */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function strValid(spec: Extract<Spec, { t: 'str' }>, s: string): boolean {
  if (spec.surrogatesOk !== true && LONE_SURROGATE.test(s)) return false;
  const n = [...s].length;
  return n >= (spec.min ?? 0) && n <= spec.max && s.length <= spec.max && (spec.ok?.(s) ?? true);
}

function targets(spec: Spec, value: unknown, path: Path, out: Target[]): Target[] {
  if (spec.t === 'obj' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, f] of Object.entries(spec.fields)) {
      const v = (value as Record<string, unknown>)[k];
      out.push({ path: [...path, k], spec: f, present: v !== undefined });
      if (v !== undefined) targets(f, v, [...path, k], out);
    }
  } else if (spec.t === 'arr' && Array.isArray(value)) {
    value.slice(0, 2).forEach((v, i) => {
      out.push({ path: [...path, i], spec: spec.item, present: true, item: true });
      targets(spec.item, v, [...path, i], out);
    });
  }
  return out;
}

function nameOf(path: Path, fallback: string): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const p = path[i];
    if (typeof p === 'string') return p;
  }
  return fallback;
}

function at(root: unknown, path: Path): unknown {
  let v = root;
  for (const p of path) v = (v as Record<string | number, unknown>)[p];
  return v;
}

function apply(valid: unknown, op: Op): unknown {
  const root = structuredClone(valid);
  if (op.kind === 'add') {
    const o = at(root, op.path) as Record<string, unknown>;
    Object.defineProperty(o, op.key, {
      value: op.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return root;
  }
  if (op.path.length === 0) return op.kind === 'set' ? op.value : undefined;
  const parent = at(root, op.path.slice(0, -1)) as Record<string | number, unknown>;
  const last = op.path[op.path.length - 1] as string | number;
  if (op.kind === 'drop') delete parent[last];
  else parent[last] = op.value;
  return root;
}

const unknownKey = (known: readonly string[], extra: readonly string[]): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/),
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'id', 'admin'),
      ...(extra.length > 0 ? [fc.constantFrom(...extra)] : []),
    )
    .filter((k) => !known.includes(k));

const scalarJunk = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
);
const arrayJunk = fc.array(scalarJunk, { maxLength: 4 });
const objectJunk = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), scalarJunk, {
  minKeys: 1,
  maxKeys: 3,
});

/** Deeply nested JSON of at most `budget` bytes (at least 50 levels). */
const deep = (budget: number): fc.Arbitrary<Raw> =>
  fc.oneof(
    fc
      .integer({ min: 50, max: Math.max(50, Math.floor(budget / 2)) })
      .map((n) => raw(`${'['.repeat(n)}${']'.repeat(n)}`)),
    fc
      .integer({ min: 50, max: Math.max(50, Math.floor(budget / 6)) })
      .map((n) => raw(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`)),
  );

const NUMBER_LIKE_STRINGS = [
  '12',
  '-1',
  '0',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e3',
  '0x10',
  '',
  ' 1',
  '1_000',
  '９',
];
const RAW_NUMBERS = ['1e999', '-1e999', '1E400', '2.5', '-0.5'];

interface Choice {
  op: Op;
  field: string | undefined;
  what: string;
}

function corruptionsOf(
  t: Target,
  valid: unknown,
  room: number,
  extraKeys: readonly string[],
): fc.Arbitrary<Choice>[] {
  const field = nameOf(t.path, 'body');
  const set =
    (what: string) =>
    (value: unknown): Choice => ({ op: { kind: 'set', path: t.path, value }, field, what });
  const out: fc.Arbitrary<Choice>[] = [];
  const budget = Math.min(room, 20_000);
  if (t.present && t.spec.opt !== true && t.item !== true && t.path.length > 0) {
    out.push(fc.constant({ op: { kind: 'drop', path: t.path }, field, what: 'required field dropped' }));
  }
  out.push(deep(budget).map(set('deeply nested value')));
  const s = t.spec;
  switch (s.t) {
    case 'str': {
      out.push(
        fc
          .oneof(
            fc.integer(),
            fc.double({ noNaN: true }),
            fc.boolean(),
            fc.constant(null),
            arrayJunk,
            objectJunk,
          )
          .map(set('not a string')),
      );
      const cap = Math.min(s.max + 2000, room);
      if (cap > s.max)
        out.push(fc.integer({ min: s.max + 1, max: cap }).map((n) => set('too long')('x'.repeat(n))));
      const current = t.present ? String(at(valid, t.path)) : 'x';
      const candidates = [
        ...(s.bad ?? []),
        ...HOSTILE,
        ...confusablesOf(current),
        ...CONTROL.map((c) => `${current}${c}`),
        ...CONTROL.map((c) => `${c}${current}`),
        `${current} `,
        ` ${current}`,
        current.toUpperCase(),
        current.toLowerCase(),
        '',
        ' ',
        'a\ud800b',
      ].filter((x) => !strValid(s, x));
      if (candidates.length > 0) out.push(fc.constantFrom(...candidates).map(set('invalid string')));
      if (s.ascii === true) {
        out.push(
          fc
            .tuple(fc.constantFrom(...INVALID_UTF8), fc.nat(current.length))
            .map(([bytes, i]) =>
              set('invalid UTF-8')(
                raw(
                  Buffer.concat([
                    Buffer.from(JSON.stringify(current.slice(0, i)).slice(0, -1)),
                    bytes,
                    Buffer.from(JSON.stringify(current.slice(i)).slice(1)),
                  ]),
                ),
              ),
            ),
        );
      }
      break;
    }
    case 'int': {
      out.push(
        fc
          .oneof(
            fc.constantFrom(...NUMBER_LIKE_STRINGS),
            fc.boolean(),
            fc.constant(null),
            arrayJunk,
            objectJunk,
          )
          .map(set('not an integer')),
        fc.constantFrom(...RAW_NUMBERS).map((n) => set('not an integer')(raw(n))),
        fc
          .double({ noNaN: true, noDefaultInfinity: true })
          .filter((d) => !Number.isInteger(d))
          .map(set('not an integer')),
        fc
          .oneof(
            fc.integer({ min: s.max + 1, max: s.max + 1_000_000 }),
            fc.integer({ min: s.min - 1_000_000, max: s.min - 1 }),
            fc.constantFrom(1e20, -1e20, Number.MAX_SAFE_INTEGER + 2, -(2 ** 63), 2 ** 64, 1e308, -1e308),
            ...(s.bad !== undefined && s.bad.length > 0 ? [fc.constantFrom(...s.bad)] : []),
          )
          .filter((n) => n < s.min || n > s.max || (s.bad ?? []).includes(n))
          .map(set('integer out of range')),
      );
      break;
    }
    case 'bool':
      out.push(
        fc
          .oneof(
            fc.constantFrom('true', 'false', '1', '0', 'yes'),
            fc.constantFrom(0, 1),
            fc.constant(null),
            arrayJunk,
            objectJunk,
          )
          .map(set('not a boolean')),
      );
      break;
    case 'obj': {
      // (The body itself is replaced by non-objects in `corrupt`, which knows whether null is a body.)
      if (t.path.length > 0)
        out.push(
          fc
            .oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null), fc.boolean(), arrayJunk)
            .map(set('not an object')),
        );
      if (t.present) {
        out.push(
          fc
            .tuple(
              unknownKey(Object.keys(s.fields), t.path.length === 0 ? extraKeys : []),
              fc.jsonValue({ maxDepth: 2 }),
            )
            .map(([key, value]) => ({
              op: { kind: 'add', path: t.path, key, value },
              field: key,
              what: 'unknown field',
            })),
        );
      }
      break;
    }
    case 'arr': {
      out.push(
        fc
          .oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null), objectJunk)
          .map(set('not an array')),
      );
      const items = t.present ? (at(valid, t.path) as unknown[]) : [];
      const first = items[0];
      if (first !== undefined && (JSON.stringify(first).length + 1) * (s.max + 1) < room) {
        out.push(fc.constant(set('too many items')(Array.from({ length: s.max + 1 }, () => first))));
      }
      break;
    }
  }
  return out;
}

/**
 * A valid body made invalid at exactly one place: a field dropped, of the wrong type, null, too long,
 * out of range, not matching its pattern (control characters, spaces, confusables, SQL injection, path
 * traversal), invalid UTF-8, deeply nested, or an unknown field added. `limit` is the route's body
 * limit (corruptions stay below it, so they are 400s rather than 413s).
 */
export function corrupt(
  valid: unknown,
  spec: Spec,
  opts: { limit: number; extraKeys?: readonly string[]; rootName?: string; nullOk?: boolean },
): fc.Arbitrary<Corrupted> {
  const all = [{ path: [] as Path, spec, present: true }, ...targets(spec, valid, [], [])];
  // Bytes a corrupted value may take without pushing the body over the route's limit (→ 413, not 400).
  const room = opts.limit - Buffer.byteLength(JSON.stringify(valid)) - 256;
  const choices = all.flatMap((t) => corruptionsOf(t, valid, room, opts.extraKeys ?? []));
  const notObject = fc
    .oneof(
      fc.string({ maxLength: 10 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(opts.nullOk === true ? [] : null),
      arrayJunk,
    )
    .map(
      (value): Choice => ({
        op: { kind: 'set', path: [], value },
        field: opts.rootName ?? 'body',
        what: 'not an object',
      }),
    );
  const truncated = fc.integer({ min: 1, max: Math.max(1, JSON.stringify(valid).length - 1) }).map((n) => ({
    body: Buffer.from(JSON.stringify(valid).slice(0, n)),
    field: opts.rootName,
    what: 'truncated JSON',
  }));
  return fc.oneof(
    {
      arbitrary: fc.oneof(...choices, notObject).map((c) => ({
        body: encode(apply(valid, c.op)),
        field: c.field === 'body' ? (opts.rootName ?? 'body') : c.field,
        what: c.what,
      })),
      weight: 9,
    },
    { arbitrary: truncated, weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------------
// Random payloads

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

// ---------------------------------------------------------------------------------------------------
// Authorization headers

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
