// Crash-safe file replacement (DESIGN §6): write a temp file next to the target, fsync it, rename it
// over the target, fsync the directory. At every instant the target holds either the old content or
// the new content, never a mixture; on any failure the temp file is removed and a coded error thrown.

import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { fdStateFs } from './fd-fs.ts';
import type { AtomicWriteFs, WritableFileHandle } from './fs-types.ts';

export type { AtomicWriteFs, WritableFileHandle } from './fs-types.ts';

/** Where a state write failed. `dir-fsync` covers opening and syncing the directory. */
export type StateWriteStep =
  | 'validate'
  | 'serialize'
  | 'mkdir'
  | 'open'
  | 'write'
  | 'fsync'
  | 'close'
  | 'rename'
  | 'dir-fsync';

/**
 * A state file could not be written. `code` is stable (guards test it, never the message); `errno`
 * keeps the system error code (`ENOSPC`, `EROFS`, `EACCES`, …) when there is one, `cause` the error.
 */
export class StateWriteError extends Error {
  readonly code = 'state-write-failed' as const;
  readonly errno: string | undefined;
  readonly step: StateWriteStep;
  readonly path: string;

  constructor(args: { path: string; step: StateWriteStep; cause?: unknown; detail?: string }) {
    const why = args.detail ?? describeError(args.cause);
    super(`could not save ${args.path}: ${args.step} failed: ${why}`, { cause: args.cause });
    this.name = 'StateWriteError';
    this.errno = errnoOf(args.cause);
    this.step = args.step;
    this.path = args.path;
  }
}

export function isStateWriteError(e: unknown): e is StateWriteError {
  return e instanceof StateWriteError;
}

/** The `code` of a Node system error (`ENOENT`, `ENOSPC`, …), or undefined. */
export function errnoOf(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
  return undefined;
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/**
 * Directory fsync is unsupported on some file systems (they answer EINVAL/ENOTSUP, or EISDIR when a
 * directory cannot be opened); the rename is then as durable as that file system allows, so this is
 * not a failure. Any other error (EIO, ENOSPC, …) is.
 */
const DIR_SYNC_UNSUPPORTED = new Set(['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'EISDIR']);

export interface WriteFileAtomicOptions {
  fs?: AtomicWriteFs;
  /** Permissions of the new file; 0600 by default (the state holds a DM token). */
  mode?: number;
}

/**
 * The temp-file name used for `path`: `<path>.tmp-<pid>-<random>`. The random part comes from
 * randomUUID, which draws from a buffered pool: randomBytes asked the system for entropy on every
 * write (a measurable share of a state write).
 */
export function tempPathFor(path: string): string {
  return `${path}.tmp-${process.pid}-${randomUUID().slice(-12)}`;
}

export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const fs = options.fs ?? fdStateFs;
  const mode = options.mode ?? 0o600;
  const temp = tempPathFor(path);

  let handle: WritableFileHandle | undefined;
  let tempExists = false;
  let step: StateWriteStep = 'open';
  try {
    handle = await fs.open(temp, 'wx', mode);
    tempExists = true;
    step = 'write';
    await handle.writeFile(data);
    step = 'fsync';
    await handle.sync();
    step = 'close';
    const closing = handle;
    handle = undefined;
    await closing.close();
    step = 'rename';
    await fs.rename(temp, path);
    tempExists = false;
  } catch (cause) {
    if (handle !== undefined) await handle.close().catch(() => undefined);
    if (tempExists) await fs.unlink(temp).catch(() => undefined);
    throw new StateWriteError({ path, step, cause });
  }
  await syncDirectory(fs, path);
}

async function syncDirectory(fs: AtomicWriteFs, path: string): Promise<void> {
  let dirHandle: WritableFileHandle | undefined;
  try {
    dirHandle = await fs.open(dirname(path), 'r');
    await dirHandle.sync();
  } catch (cause) {
    const errno = errnoOf(cause);
    if (errno === undefined || !DIR_SYNC_UNSUPPORTED.has(errno)) {
      throw new StateWriteError({ path, step: 'dir-fsync', cause });
    }
  } finally {
    if (dirHandle !== undefined) await dirHandle.close().catch(() => undefined);
  }
}
