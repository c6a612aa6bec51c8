// Bytes → JSON, refusing invalid UTF-8, non-JSON and excessive nesting.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan, parseJsonBytes } from '../../../agent/dm-client/json.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('parseJsonBytes', () => {
  it('parses JSON', () => {
    expect(parseJsonBytes(bytes('{"a":[1,{"b":"c"}]}'))).toEqual({ ok: true, value: { a: [1, { b: 'c' }] } });
  });

  it.each([
    ['not JSON', bytes('<html>captive portal</html>')],
    ['empty', bytes('')],
    ['blank', bytes('  \n')],
    ['truncated', bytes('{"a":')],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d])],
    ['too deep', bytes(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`)],
    [
      'deep enough to overflow a recursive consumer',
      bytes(`${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`),
    ],
  ])('%s → problem', (_, input) => {
    expect(parseJsonBytes(input).ok).toBe(false);
  });

  it('accepts nesting up to the limit', () => {
    const text = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(parseJsonBytes(bytes(text)).ok).toBe(true);
  });
});

describe('nestsDeeperThan', () => {
  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan('{"a":"[[[[[[\\"[[[["}', 2)).toBe(false);
    expect(nestsDeeperThan('[[["]"]]]', 2)).toBe(true);
  });

  it('agrees with the real depth of any JSON value', () => {
    const depth = (v: unknown): number =>
      typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, limit) => {
        expect(nestsDeeperThan(JSON.stringify(value), limit)).toBe(depth(value) > limit);
      }),
    );
  });
});
