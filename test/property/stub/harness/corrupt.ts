// Specs of request bodies and `corrupt`: from a VALID body, generate bodies made invalid at exactly one
// place (a field dropped, of the wrong type, too long, out of range, hostile, not UTF-8, deeply nested,
// an unknown field added, or the JSON truncated), with the field the refusal must name.

import fc from 'fast-check';
import { CONTROL, confusablesOf, HOSTILE, INVALID_UTF8 } from './hostile-strings.ts';
import { encode, type Raw, raw } from './raw-json.ts';

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
