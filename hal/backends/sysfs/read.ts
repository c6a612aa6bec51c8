// Bounded, non-blocking file access for the sysfs backend. Nothing here throws: every failure is
// mapped to a FieldProblem (or to "absent" for directory probes).

import { constants } from 'node:fs';
import { type FileHandle, lstat, open, readdir, stat } from 'node:fs/promises';
import type { FieldProblem } from '../../interface.ts';

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; problem: FieldProblem };

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error as { code: unknown };
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/**
 * The problem a failed stat/open/read stands for: ENOENT/ENOTDIR → `missing`; EISDIR →
 * `not-a-file`; EACCES, EPERM, EIO and anything else (ELOOP, ENXIO, ENODEV, …) → `unreadable`.
 */
export function problemFromError(error: unknown): FieldProblem {
  switch (errorCode(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'missing';
    case 'EISDIR':
      return 'not-a-file';
    default:
      return 'unreadable';
  }
}

const NOT_A_FILE: ReadResult = { ok: false, problem: 'not-a-file' };

/**
 * Reads at most `limit` bytes of the regular file at `path`. Anything else (directory, fifo, socket,
 * device) is `not-a-file` and is never opened for reading in a way that could block: the path is
 * stat'ed first, opened O_NONBLOCK, and the open handle is stat'ed again in case it was swapped.
 */
export async function readBounded(path: string, limit: number): Promise<ReadResult> {
  try {
    if (!(await stat(path)).isFile()) return NOT_A_FILE;
  } catch (error) {
    return { ok: false, problem: problemFromError(error) };
  }
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    const info = await handle.stat();
    if (!info.isFile()) return NOT_A_FILE;
    const buffer = Buffer.alloc(Math.max(0, limit));
    let filled = 0;
    // A regular file whose whole size has been read needs no read at EOF to say so. sysfs attributes
    // claim 4096 bytes and give their whole value to the first read, so a short read of a file that
    // claims a size is its end too (one read per attribute, not two). procfs files claim 0 and may
    // answer a read in parts: for them only a read of 0 bytes ends the loop.
    while (filled < buffer.length && !(info.size > 0 && filled >= info.size)) {
      const wanted = buffer.length - filled;
      const { bytesRead } = await handle.read(buffer, filled, wanted, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (info.size > 0 && bytesRead < wanted) break;
    }
    return { ok: true, bytes: buffer.subarray(0, filled) };
  } catch (error) {
    return { ok: false, problem: problemFromError(error) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Whether anything (file, directory, symlink, even a dangling one) exists at `path`. */
export async function entryExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether `path` is, or links to, a directory. */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The entry names of a directory; none when it is absent or unreadable. */
export async function listDirectory(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch {
    return [];
  }
}

/** Runs at most `max` tasks at a time; the rest wait in order. */
export class Limiter {
  readonly max: number;
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(max: number) {
    this.max = Number.isSafeInteger(max) && max >= 1 ? max : 1;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    while (this.#active >= this.max) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#active++;
    try {
      return await task();
    } finally {
      this.#active--;
      this.#waiting.shift()?.();
    }
  }
}
