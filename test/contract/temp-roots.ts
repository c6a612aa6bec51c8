// Fresh, empty directories under one per-file temporary base, removed after the file's tests.

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** Call at the top of a test file; `next()` returns a new empty directory path. */
export function useTempRoots(prefix: string): { next: () => Promise<string> } {
  let base: Promise<string> | undefined;
  let count = 0;
  afterAll(async () => {
    if (base !== undefined) await rm(await base, { recursive: true, force: true });
  });
  return {
    async next() {
      base ??= mkdtemp(join(tmpdir(), `${prefix}-`));
      const dir = join(await base, `root-${++count}`);
      await mkdir(dir);
      return dir;
    },
  };
}
