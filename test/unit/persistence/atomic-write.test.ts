import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStateWriteError, StateWriteError, writeFileAtomic } from '../../../agent/persistence/index.ts';
import { openPathTo, runUnprivileged } from '../../helpers/unprivileged.ts';
import { type FaultPoint, faultyFs } from './fault-fs.ts';
import { tempDir } from './fixtures.ts';

let dir: string;
let cleanup: () => Promise<void>;
let target: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  target = join(dir, 'state.json');
});
afterEach(async () => {
  await cleanup();
});

const OLD = '{"old":true}\n';
const NEW = `{"new":"${'x'.repeat(10_000)}"}\n`;

async function failure(p: Promise<unknown>): Promise<StateWriteError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isStateWriteError(e)) throw new Error(`expected a StateWriteError, got ${String(e)}`);
  return e;
}

describe('writeFileAtomic', () => {
  it('creates the file, and replaces an existing one, with mode 0600', async () => {
    await writeFileAtomic(target, OLD);
    expect(await readFile(target, 'utf8')).toBe(OLD);
    await writeFileAtomic(target, new TextEncoder().encode(NEW));
    expect(await readFile(target, 'utf8')).toBe(NEW);
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('writes a <path>.tmp-<pid>-<random> file, syncs it, renames it, then syncs the directory', async () => {
    const fs = faultyFs();
    const opened: string[] = [];
    const open = fs.open.bind(fs);
    fs.open = async (path, flags, mode) => {
      opened.push(path);
      return open(path, flags, mode);
    };
    await writeFileAtomic(target, NEW, { fs });
    expect(opened[0]).toMatch(
      new RegExp(`^${target.replace(/[.]/g, '\\.')}\\.tmp-${process.pid}-[0-9a-f]{12}$`),
    );
    expect(opened[1]).toBe(dir);
    expect(fs.calls).toEqual(['open', 'write', 'fsync', 'close', 'rename', 'dir-open', 'dir-fsync', 'close']);
  });

  // Before the rename the old file must be untouched; after it, the new one is complete. Never a temp file.
  const steps: Array<{ point: FaultPoint; step: string; leaves: 'old' | 'new' }> = [
    { point: 'open', step: 'open', leaves: 'old' },
    { point: 'write', step: 'write', leaves: 'old' },
    { point: 'partial-write', step: 'write', leaves: 'old' },
    { point: 'fsync', step: 'fsync', leaves: 'old' },
    { point: 'close', step: 'close', leaves: 'old' },
    { point: 'rename', step: 'rename', leaves: 'old' },
    { point: 'dir-open', step: 'dir-fsync', leaves: 'new' },
    { point: 'dir-fsync', step: 'dir-fsync', leaves: 'new' },
  ];
  for (const errno of ['ENOSPC', 'EROFS', 'EIO']) {
    for (const { point, step, leaves } of steps) {
      it(`${errno} at ${point}: rejects with state-write-failed, leaves the ${leaves} file and no temp file`, async () => {
        await writeFile(target, OLD);
        const e = await failure(writeFileAtomic(target, NEW, { fs: faultyFs({ [point]: errno }) }));
        expect(e.code).toBe('state-write-failed');
        expect(e.errno).toBe(errno);
        expect(e.step).toBe(step);
        expect(e.path).toBe(target);
        expect(e.cause).toMatchObject({ code: errno });
        expect(await readdir(dir)).toEqual(['state.json']);
        expect(await readFile(target, 'utf8')).toBe(leaves === 'old' ? OLD : NEW);
      });
    }
  }

  it('with no previous file, a failure before the rename leaves no file at all', async () => {
    for (const point of ['open', 'partial-write', 'fsync', 'close', 'rename'] as const) {
      await failure(writeFileAtomic(target, NEW, { fs: faultyFs({ [point]: 'ENOSPC' }) }));
      expect(await readdir(dir), point).toEqual([]);
    }
  });

  it('a directory fsync the file system does not support (EINVAL) is not a failure', async () => {
    await writeFileAtomic(target, NEW, { fs: faultyFs({ 'dir-fsync': 'EINVAL' }) });
    expect(await readFile(target, 'utf8')).toBe(NEW);
  });

  it('keeps the original error when the temp file cannot be removed either', async () => {
    await writeFile(target, OLD);
    const e = await failure(
      writeFileAtomic(target, NEW, { fs: faultyFs({ rename: 'EIO', unlink: 'EROFS' }) }),
    );
    expect(e.errno).toBe('EIO');
    expect(e.step).toBe('rename');
    expect(await readFile(target, 'utf8')).toBe(OLD);
  });

  it('the message names the file, the step and the system error', async () => {
    const e = await failure(writeFileAtomic(target, NEW, { fs: faultyFs({ write: 'ENOSPC' }) }));
    expect(e).toBeInstanceOf(StateWriteError);
    expect(e.message).toContain(target);
    expect(e.message).toContain('write failed');
    expect(e.message).toContain('ENOSPC');
  });

  it('a real directory without write permission gives EACCES and keeps the old file', async () => {
    await writeFile(target, OLD);
    await chmod(target, 0o644);
    await openPathTo(dir, dir);
    await chmod(dir, 0o555);
    try {
      const { uid, result } = await runUnprivileged<{ errno: string; step: string } | null>('write-state', [
        target,
      ]);
      expect(uid).not.toBe(0);
      expect(result).toEqual({ errno: 'EACCES', step: 'open' });
      expect(await readFile(target, 'utf8')).toBe(OLD);
      expect(await readdir(dir)).toEqual(['state.json']);
    } finally {
      await chmod(dir, 0o700);
    }
  });
});
