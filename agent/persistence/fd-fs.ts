// The state store's default file system: node:fs's callback calls on plain file descriptors.
// `node:fs/promises` FileHandles cost about twice the CPU per atomic write (measured 218 µs against
// 115 µs for open-write-fsync-close-rename plus the directory fsync on tmpfs, eight writers at once):
// every handle is a tracked object with its own close bookkeeping and `writeFile` loops in JS. The
// calls stay asynchronous on purpose: a disk that hangs must not freeze the screens or Alt+V.

import * as fs from 'node:fs';
import type { StateFs, WritableFileHandle } from './fs-types.ts';

function call<T>(run: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    run((error, value) => (error ? reject(error) : resolve(value)));
  });
}

function done(run: (callback: (error: NodeJS.ErrnoException | null) => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    run((error) => (error ? reject(error) : resolve()));
  });
}

/** A file descriptor with the three calls an atomic write makes on it. */
class FdHandle implements WritableFileHandle {
  constructor(private readonly fd: number) {}

  async writeFile(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let offset = 0;
    // A regular file takes the whole buffer in one write; the loop is for the short write a full disk
    // or a signal can cause.
    while (offset < bytes.byteLength) {
      const written = await call<number>((cb) =>
        fs.write(this.fd, bytes, offset, bytes.byteLength - offset, null, cb),
      );
      if (written === 0) throw Object.assign(new Error('write wrote no bytes'), { code: 'EIO' });
      offset += written;
    }
  }

  sync(): Promise<void> {
    return done((cb) => fs.fsync(this.fd, cb));
  }

  close(): Promise<void> {
    return done((cb) => fs.close(this.fd, cb));
  }
}

export const fdStateFs: StateFs = {
  open: async (path, flags, mode) => new FdHandle(await call<number>((cb) => fs.open(path, flags, mode, cb))),
  rename: (from, to) => done((cb) => fs.rename(from, to, cb)),
  unlink: (path) => done((cb) => fs.unlink(path, cb)),
  mkdir: (path, options) => call<string | undefined>((cb) => fs.mkdir(path, options, cb)),
  stat: (path) => call<fs.Stats>((cb) => fs.stat(path, cb)),
  readFile: (path) => call<Buffer>((cb) => fs.readFile(path, cb)),
  readdir: (path) => call<string[]>((cb) => fs.readdir(path, cb)),
};
