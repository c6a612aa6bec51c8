// Turning response bytes into a JSON value, refusing what a hostile server could use against us:
// invalid UTF-8, non-JSON, and nesting deep enough to blow a recursive consumer's stack.

import { jsonNestsDeeperThan } from '../../protocol/codec.ts';

export const MAX_JSON_DEPTH = 32;

export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string };

/** True when arrays/objects nest deeper than `limit` (the DM codecs' linear scan, strings skipped). */
export const nestsDeeperThan = jsonNestsDeeperThan;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function parseJsonBytes(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH): Decoded<unknown> {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, problem: 'the body is not valid UTF-8' };
  }
  if (text.trim() === '') return { ok: false, problem: 'the body is empty' };
  if (nestsDeeperThan(text, maxDepth))
    return { ok: false, problem: `the JSON nests deeper than ${maxDepth} levels` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, problem: 'the body is not JSON' };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The own property `key` of `obj` (never an inherited one such as `__proto__` or `toString`). */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}
