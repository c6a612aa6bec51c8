// A state-store file system that fails the way a device's does: a read-only mount (EROFS on every
// change) or a full disk (ENOSPC once `fromWrite` state writes have been attempted). Reads and the
// parts that still work go to the real node:fs/promises, so what does get written is real.

import * as fsp from 'node:fs/promises';
import type { StateFs, WritableFileHandle } from '../../../agent/persistence/index.ts';

export type FsFailure =
  | { errno: 'EROFS' }
  | { errno: 'ENOSPC' /** 1-based: the first state write that fails. */; fromWrite: number };

function systemError(errno: string, syscall: string, path: string): NodeJS.ErrnoException {
  const messages: Record<string, string> = {
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
  };
  return Object.assign(new Error(`${errno}: ${messages[errno] ?? errno}, ${syscall} '${path}'`), {
    code: errno,
    errno: errno === 'EROFS' ? -30 : -28,
    syscall,
    path,
  });
}

export interface FailingFs extends StateFs {
  /** State writes attempted (temp files opened for writing). */
  readonly writesAttempted: number;
  readonly failures: number;
}

export function failingFs(failure: FsFailure): FailingFs {
  let writes = 0;
  let failures = 0;
  const fail = (syscall: string, path: string) => {
    failures += 1;
    return systemError(failure.errno, syscall, path);
  };
  const readOnly = failure.errno === 'EROFS';
  return {
    get writesAttempted() {
      return writes;
    },
    get failures() {
      return failures;
    },
    async mkdir(path, options) {
      if (readOnly) {
        const exists = await fsp.stat(path).then(
          () => true,
          () => false,
        );
        if (exists) return undefined;
        throw fail('mkdir', path);
      }
      return fsp.mkdir(path, options);
    },
    stat: (path) => fsp.stat(path),
    readFile: (path) => fsp.readFile(path),
    readdir: (path) => fsp.readdir(path),
    async open(path, flags, mode): Promise<WritableFileHandle> {
      const writing = flags !== 'r';
      if (writing) writes += 1;
      if (writing && readOnly) throw fail('open', path);
      const handle = await fsp.open(path, flags, mode);
      if (!writing || failure.errno !== 'ENOSPC' || writes < failure.fromWrite) return handle;
      return {
        async writeFile() {
          throw fail('write', path);
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    },
    async rename(from, to) {
      if (readOnly) throw fail('rename', to);
      return fsp.rename(from, to);
    },
    async unlink(path) {
      if (readOnly) throw fail('unlink', path);
      return fsp.unlink(path);
    },
  };
}
