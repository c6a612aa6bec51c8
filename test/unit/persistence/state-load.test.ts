import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HISTORY_CAP,
  type LoadResult,
  MAX_STATE_FILE_BYTES,
  type PersistedAgentState,
  StateStore,
} from '../../../agent/persistence/index.ts';
import { faultyFs } from './fault-fs.ts';
import { T0, tempDir, validState } from './fixtures.ts';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  file = join(dir, 'state.json');
});
afterEach(async () => {
  await cleanup();
});

const clock = () => T0;
const ASIDE = 'state.json.corrupt-2024-03-01T08-00-00-000Z';

function store(fs = faultyFs()): StateStore {
  return new StateStore({ dir, clock, fs });
}

/** Writes `content` as state.json, loads, and checks the bad file was moved aside intact. */
async function loadBad(content: string | Uint8Array): Promise<Extract<LoadResult, { kind: 'recovered' }>> {
  await writeFile(file, content);
  const result = await store().load();
  if (result.kind !== 'recovered') throw new Error(`expected recovered, got ${result.kind}`);
  expect(result.movedTo).toBe(join(dir, ASIDE));
  expect(await readdir(dir)).toEqual([ASIDE]);
  expect(Buffer.compare(await readFile(join(dir, ASIDE)), Buffer.from(content))).toBe(0);
  return result;
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

describe('StateStore.load', () => {
  it('is fresh when the directory or the file does not exist', async () => {
    expect(await new StateStore({ dir: join(dir, 'missing'), clock }).load()).toEqual({ kind: 'fresh' });
    expect(await store().load()).toEqual({ kind: 'fresh' });
  });

  it('loads a valid record', async () => {
    const state = validState();
    await writeFile(file, json(state));
    expect(await store().load()).toEqual({ kind: 'loaded', state });
  });

  it('drops unknown keys and keeps only the last HISTORY_CAP history entries', async () => {
    const history = Array.from({ length: HISTORY_CAP + 50 }, (_, i) => ({
      state: `s${i}`,
      at: new Date(T0.getTime() + i * 1000).toISOString(),
    }));
    await writeFile(
      file,
      json({ ...validState({ history }), extra: 1, identity: { ...validState().identity, x: 2 } }),
    );
    const result = await store().load();
    if (result.kind !== 'loaded') throw new Error(result.kind);
    expect(result.state).toEqual(validState({ history: history.slice(50) }));
    expect(result.state).not.toHaveProperty('extra');
  });

  describe('moves a bad file aside and reports it, never throwing', () => {
    it('empty file: truncated', async () => {
      expect((await loadBad('')).problem).toBe('truncated');
    });

    it('zero-filled file (a power cut on some file systems): truncated', async () => {
      expect((await loadBad(new Uint8Array(512))).problem).toBe('truncated');
    });

    for (const cut of [1, 0.25, 0.5, 0.99]) {
      it(`record cut at ${cut}: truncated`, async () => {
        const text = json(validState());
        const result = await loadBad(text.slice(0, cut < 1 ? Math.floor(text.length * cut) : 1));
        expect(result.problem).toBe('truncated');
      });
    }

    it('not JSON: corrupt', async () => {
      expect((await loadBad('hello, world')).problem).toBe('corrupt');
    });

    it('mismatched brackets: corrupt, even though unclosed', async () => {
      expect((await loadBad('{"a": [1, 2}')).problem).toBe('corrupt');
    });

    it('invalid UTF-8: corrupt', async () => {
      const bytes = Buffer.from(json(validState()));
      bytes[20] = 0xff;
      expect((await loadBad(bytes)).problem).toBe('corrupt');
    });

    it('JSON that is not an object: corrupt', async () => {
      expect((await loadBad('[1,2,3]')).problem).toBe('corrupt');
      await writeFile(file, 'null');
      expect(await store().load()).toMatchObject({ kind: 'recovered', problem: 'corrupt' });
    });

    it('another version: wrong-version', async () => {
      const result = await loadBad(json({ ...validState(), version: 2 }));
      expect(result.problem).toBe('wrong-version');
      expect(result.detail).toContain('2');
    });

    it(`over ${MAX_STATE_FILE_BYTES} bytes, even if valid: corrupt, without reading it`, async () => {
      const fs = faultyFs();
      await writeFile(file, json(validState()) + ' '.repeat(MAX_STATE_FILE_BYTES));
      const result = await store(fs).load();
      expect(result).toMatchObject({ kind: 'recovered', problem: 'corrupt', movedTo: join(dir, ASIDE) });
      expect(fs.calls).not.toContain('readFile');
    });

    it('exactly at the size limit is still read', async () => {
      const text = json(validState());
      await writeFile(file, text + ' '.repeat(MAX_STATE_FILE_BYTES - Buffer.byteLength(text)));
      expect(await store().load()).toMatchObject({ kind: 'loaded' });
    });

    const wrongTypes: Array<[string, Record<string, unknown>]> = [
      ['version as a string', { version: '1' }],
      ['version missing', { version: undefined }],
      ['bootAttempts a string', { bootAttempts: '3' }],
      ['bootAttempts negative', { bootAttempts: -1 }],
      ['bootAttempts fractional', { bootAttempts: 1.5 }],
      ['bootId empty', { bootId: '' }],
      ['phase a number', { phase: 7 }],
      ['updatedAt not a date', { updatedAt: 'yesterday' }],
      ['history an object', { history: {} }],
      ['history entry without at', { history: [{ state: 'x' }] }],
      ['identity null', { identity: null }],
      ['identity.serialNumber a number', { identity: { ...validState().identity, serialNumber: 5 } }],
      ['identity field missing', { identity: { certifiedDeviceId: null, idKind: null, serialNumber: null } }],
      ['registration.inFlight a string', { registration: { inFlight: 'yes' } }],
      [
        'managed without dmToken',
        { managed: { managementDomain: 'a.com', orgUnitPath: '/', enrolledAt: T0 } },
      ],
      ['manual.reason missing', { manual: {} }],
      ['lastError a string', { lastError: 'boom' }],
      ['a string over 8192 characters', { phase: 'p'.repeat(8193) }],
    ];
    for (const [name, patch] of wrongTypes) {
      it(`${name}: corrupt`, async () => {
        const result = await loadBad(json({ ...validState(), ...patch }));
        expect(result.problem).toBe('corrupt');
      });
    }

    it('state.json is a directory: unreadable', async () => {
      await mkdir(file);
      const result = await store().load();
      expect(result).toMatchObject({ kind: 'recovered', problem: 'unreadable', movedTo: join(dir, ASIDE) });
      expect(await readdir(dir)).toEqual([ASIDE]);
    });

    it('a read error (EIO): unreadable', async () => {
      await writeFile(file, json(validState()));
      const result = await store(faultyFs({ readFile: 'EIO' })).load();
      expect(result).toMatchObject({ kind: 'recovered', problem: 'unreadable', movedTo: join(dir, ASIDE) });
      expect(result.kind === 'recovered' && result.detail).toContain('EIO');
    });

    it('when the bad file cannot be moved (EROFS), says so with movedTo null', async () => {
      await writeFile(file, '{"version":');
      const result = await store(faultyFs({ rename: 'EROFS' })).load();
      expect(result).toMatchObject({ kind: 'recovered', problem: 'truncated', movedTo: null });
      expect(result.kind === 'recovered' && result.detail).toContain('EROFS');
      expect(await readdir(dir)).toEqual(['state.json']);
    });

    it('never overwrites an earlier moved-aside file', async () => {
      await writeFile(file, 'first');
      await store().load();
      await writeFile(file, 'second');
      const result = await store().load();
      expect(result).toMatchObject({ kind: 'recovered', movedTo: join(dir, `${ASIDE}-1`) });
      expect(await readFile(join(dir, ASIDE), 'utf8')).toBe('first');
      expect(await readFile(join(dir, `${ASIDE}-1`), 'utf8')).toBe('second');
    });
  });

  it('removes temp files left by a write cut short, whatever pid they name', async () => {
    const state: PersistedAgentState = validState();
    await writeFile(file, json(state));
    await writeFile(join(dir, 'state.json.tmp-123-abcdef012345'), '{"half');
    await writeFile(join(dir, `state.json.tmp-${process.pid}-000000000000`), '');
    await writeFile(join(dir, 'unrelated.txt'), 'keep');
    expect(await store().load()).toEqual({ kind: 'loaded', state });
    expect((await readdir(dir)).sort()).toEqual(['state.json', 'unrelated.txt']);
  });
});
