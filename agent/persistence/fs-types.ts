// The file-system operations the state store and its atomic writes make: node:fs on file descriptors by
// default (fd-fs.ts), injectable in tests and fault campaigns. Types only.

/** The calls an atomic write makes on an open file (a file descriptor, or a `node:fs/promises` FileHandle). */
export interface WritableFileHandle {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system operations of an atomic write; node:fs on file descriptors by default, injectable in tests. */
export interface AtomicWriteFs {
  open(path: string, flags: string, mode?: number): Promise<WritableFileHandle>;
  rename(oldPath: string, newPath: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

/** The file-system operations of the store; node:fs on file descriptors by default, injectable in tests. */
export interface StateFs extends AtomicWriteFs {
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<unknown>;
  stat(path: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(path: string): Promise<Uint8Array>;
  readdir(path: string): Promise<string[]>;
}
