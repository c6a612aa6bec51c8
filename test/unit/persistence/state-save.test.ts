import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HISTORY_CAP,
  isStateWriteError,
  type PersistedAgentState,
  StateStore,
  type StateWriteError,
} from '../../../agent/persistence/index.ts';
import { faultyFs } from './fault-fs.ts';
import { arbState, T0, tempDir, validState } from './fixtures.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  await cleanup();
});

const clock = () => T0;

async function failure(p: Promise<unknown>): Promise<StateWriteError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isStateWriteError(e)) throw new Error(`expected a StateWriteError, got ${String(e)}`);
  return e;
}

describe('StateStore.save', () => {
  it('round trip: what save resolves with is what load returns', async () => {
    const store = new StateStore({ dir, clock });
    const saved = await store.save(validState());
    expect(saved).toEqual(validState({ updatedAt: T0.toISOString() }));
    expect(await store.load()).toEqual({ kind: 'loaded', state: saved });
  });

  it('round trip for any valid record', async () => {
    const store = new StateStore({ dir, clock });
    await fc.assert(
      fc.asyncProperty(arbState, async (state) => {
        const saved = await store.save(state);
        expect(saved).toEqual({ ...state, updatedAt: T0.toISOString() });
        expect(await store.load()).toEqual({ kind: 'loaded', state: saved });
      }),
      { numRuns: 100 },
    );
  });

  it('creates the state directory with mode 0700 and the file with mode 0600', async () => {
    const stateDir = join(dir, 'var', 'lib', 'zte-agent');
    await new StateStore({ dir: stateDir, clock }).save(validState());
    expect((await stat(stateDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(stateDir, 'state.json'))).mode & 0o777).toBe(0o600);
  });

  it('stamps updatedAt, drops unknown keys, caps the history, and leaves its argument alone', async () => {
    const history = Array.from({ length: HISTORY_CAP + 1 }, (_, i) => ({
      state: `s${i}`,
      at: T0.toISOString(),
    }));
    const input = { ...validState({ history }), stray: 'x' } as PersistedAgentState;
    const before = structuredClone(input);
    const saved = await new StateStore({ dir, clock }).save(input);
    expect(input).toEqual(before);
    expect(saved.updatedAt).toBe(T0.toISOString());
    expect(saved.history).toEqual(history.slice(1));
    const onDisk: unknown = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'));
    expect(onDisk).toEqual(saved);
    expect(onDisk).not.toHaveProperty('stray');
  });

  it('refuses a record the loader would reject, and keeps the previous file', async () => {
    const store = new StateStore({ dir, clock });
    const previous = await store.save(validState());
    const e = await failure(store.save(validState({ bootAttempts: -1 })));
    expect(e.code).toBe('state-write-failed');
    expect(e.step).toBe('validate');
    expect(e.message).toContain('bootAttempts');
    expect(await store.load()).toEqual({ kind: 'loaded', state: previous });
  });

  it('refuses a record over the size limit', async () => {
    const history = Array.from({ length: HISTORY_CAP }, () => ({
      state: 's'.repeat(8000),
      at: T0.toISOString(),
    }));
    const e = await failure(new StateStore({ dir, clock }).save(validState({ history })));
    expect(e.step).toBe('serialize');
    expect(await readdir(dir)).toEqual([]);
  });

  for (const errno of ['ENOSPC', 'EROFS', 'EACCES']) {
    it(`${errno} while writing: rejects with the coded error, the previous state still loads`, async () => {
      const good = new StateStore({ dir, clock });
      const previous = await good.save(validState({ phase: 'determiningEnrollmentState' }));
      const failing = new StateStore({ dir, clock, fs: faultyFs({ 'partial-write': errno }) });
      const e = await failure(failing.save(validState({ phase: 'registering' })));
      expect(e).toMatchObject({ code: 'state-write-failed', errno, step: 'write' });
      expect(await readdir(dir)).toEqual(['state.json']);
      expect(await good.load()).toEqual({ kind: 'loaded', state: previous });
    });
  }

  it('a state directory that cannot be created (EROFS) rejects at mkdir', async () => {
    const stateDir = join(dir, 'ro', 'zte-agent');
    const e = await failure(
      new StateStore({ dir: stateDir, clock, fs: faultyFs({ mkdir: 'EROFS' }) }).save(validState()),
    );
    expect(e).toMatchObject({ code: 'state-write-failed', errno: 'EROFS', step: 'mkdir' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('a state directory removed between two saves is made again', async () => {
    const stateDir = join(dir, 'var', 'zte-agent');
    const store = new StateStore({ dir: stateDir, clock });
    await store.save(validState({ phase: 'readingIdentity' }));
    await rm(join(dir, 'var'), { recursive: true });
    const saved = await store.save(validState({ phase: 'registering' }));
    expect(await store.load()).toEqual({ kind: 'loaded', state: saved });
    expect((await stat(stateDir)).mode & 0o777).toBe(0o700);
  });

  it('a state directory path that is a file rejects with the system error', async () => {
    const notADir = join(dir, 'file');
    await writeFile(notADir, '');
    const e = await failure(new StateStore({ dir: notADir, clock }).save(validState()));
    expect(e.code).toBe('state-write-failed');
    expect(['EEXIST', 'ENOTDIR']).toContain(e.errno);
  });
});
