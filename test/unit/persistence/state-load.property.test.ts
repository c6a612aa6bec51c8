// Whatever bytes are in state.json, load resolves with one of its three kinds, never throws, and a
// file it does not accept is moved aside byte for byte.

import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPersistedAgentState, StateStore } from '../../../agent/persistence/index.ts';
import { arbState, T0, tempDir, validState } from './fixtures.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  await cleanup();
});

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Bytes from every direction: random, any JSON, valid records cut short or with one byte changed. */
const arbContent: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.jsonValue().map((v) => encode(JSON.stringify(v))),
  fc
    .record({ key: fc.constantFrom(...Object.keys(validState())), value: fc.jsonValue() })
    .map(({ key, value }) => encode(JSON.stringify({ ...validState(), [key]: value }))),
  fc.tuple(arbState, fc.double({ min: 0, max: 1, noNaN: true })).map(([s, f]) => {
    const bytes = encode(JSON.stringify(s, null, 2));
    return bytes.slice(0, Math.floor(bytes.length * f));
  }),
  fc.tuple(arbState, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([s, i, b]) => {
    const bytes = encode(JSON.stringify(s));
    bytes[i % bytes.length] = b;
    return bytes;
  }),
);

describe('StateStore.load on arbitrary content', () => {
  it('always resolves fresh | loaded | recovered, and never loses the bad bytes', async () => {
    const store = new StateStore({ dir, clock: () => T0 });
    const file = join(dir, 'state.json');
    await fc.assert(
      fc.asyncProperty(arbContent, async (content) => {
        for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true });
        await writeFile(file, content);
        const result = await store.load();
        switch (result.kind) {
          case 'loaded':
            expect(isPersistedAgentState(result.state)).toBe(true);
            expect(await readdir(dir)).toEqual(['state.json']);
            break;
          case 'recovered': {
            expect(['corrupt', 'truncated', 'wrong-version', 'unreadable']).toContain(result.problem);
            if (result.movedTo === null) throw new Error('a writable directory must allow the move');
            expect(await readdir(dir)).toEqual([result.movedTo.slice(dir.length + 1)]);
            expect(Buffer.compare(await readFile(result.movedTo), Buffer.from(content))).toBe(0);
            break;
          }
          case 'fresh':
            throw new Error('a file exists, so load must not say fresh');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every strict prefix of a saved record up to its closing brace is reported truncated', async () => {
    const store = new StateStore({ dir, clock: () => T0 });
    await fc.assert(
      fc.asyncProperty(arbState, fc.double({ min: 0, max: 1, noNaN: true }), async (state, f) => {
        for (const name of await readdir(dir)) await rm(join(dir, name));
        const text = JSON.stringify(state, null, 2);
        await writeFile(join(dir, 'state.json'), text.slice(0, Math.floor((text.length - 1) * f)));
        expect(await store.load()).toMatchObject({ kind: 'recovered', problem: 'truncated' });
      }),
      { numRuns: 200 },
    );
  });
});
