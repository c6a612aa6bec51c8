// A real file system (node:fs/promises on a temp directory) with one injected failure per operation,
// so tests see what the atomic write really leaves on disk when a step fails. Injected, never mocked
// by module path (DESIGN §8).

import * as fsp from 'node:fs/promises';
import type { StateFs, WritableFileHandle } from '../../../agent/persistence/index.ts';

export type FaultPoint =
  | 'mkdir'
  | 'open'
  | 'write'
  | 'partial-write'
  | 'fsync'
  | 'close'
  | 'rename'
  | 'unlink'
  | 'dir-open'
  | 'dir-fsync'
  | 'stat'
  | 'readFile'
  | 'readdir';

/** An error shaped like Node's system errors (`code`, `syscall`). */
export function systemError(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected failure, ${syscall}`), { code, syscall });
}

export interface FaultyFs extends StateFs {
  /** Every operation attempted, in order, e.g. 'open', 'write', 'dir-fsync'. */
  readonly calls: string[];
}

export function faultyFs(faults: Partial<Record<FaultPoint, string>> = {}): FaultyFs {
  const calls: string[] = [];
  const hit = (point: FaultPoint, syscall: string): void => {
    calls.push(point);
    const code = faults[point];
    if (code !== undefined) throw systemError(code, syscall);
  };
  const isDirectory = async (path: string): Promise<boolean> =>
    fsp.stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    );

  return {
    calls,
    async mkdir(path, options) {
      hit('mkdir', 'mkdir');
      return fsp.mkdir(path, options);
    },
    async open(path, flags, mode) {
      const dir = await isDirectory(path);
      hit(dir ? 'dir-open' : 'open', 'open');
      const handle = await fsp.open(path, flags, mode);
      const wrapped: WritableFileHandle = {
        async writeFile(data) {
          calls.push('write');
          const code = faults.write;
          if (code !== undefined) throw systemError(code, 'write');
          const partial = faults['partial-write'];
          if (partial !== undefined) {
            // A write the disk cut short: half the bytes land, then the error.
            const bytes = typeof data === 'string' ? Buffer.from(data) : data;
            await handle.write(bytes, 0, Math.floor(bytes.byteLength / 2));
            throw systemError(partial, 'write');
          }
          await handle.writeFile(data);
        },
        async sync() {
          hit(dir ? 'dir-fsync' : 'fsync', 'fsync');
          await handle.sync();
        },
        async close() {
          calls.push('close');
          await handle.close();
          const code = faults.close;
          if (code !== undefined) throw systemError(code, 'close');
        },
      };
      return wrapped;
    },
    async rename(oldPath, newPath) {
      hit('rename', 'rename');
      await fsp.rename(oldPath, newPath);
    },
    async unlink(path) {
      hit('unlink', 'unlink');
      await fsp.unlink(path);
    },
    async stat(path) {
      hit('stat', 'stat');
      return fsp.stat(path);
    },
    async readFile(path) {
      hit('readFile', 'read');
      return fsp.readFile(path);
    },
    async readdir(path) {
      hit('readdir', 'scandir');
      return fsp.readdir(path);
    },
  };
}
