// Permission errors cannot be provoked as root (root ignores mode bits), and CI runs as root. So a
// permission test runs its probe in a child process as `nobody` (uid/gid 65534) when we are root,
// and in-process-equivalent (a child as ourselves) otherwise: the same probe either way, no skip.

import { execFile } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const NOBODY = 65534;
const REPO = resolve(import.meta.dirname, '../..');
const PROBES = join(import.meta.dirname, 'unprivileged');

/** Runs `test/helpers/unprivileged/<probe>.ts args…` without privileges; returns its JSON line. */
export async function runUnprivileged<T>(probe: string, args: string[]): Promise<{ uid: number; result: T }> {
  const asRoot = process.getuid?.() === 0;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(PROBES, `${probe}.ts`), ...args],
    {
      cwd: REPO,
      env: { ...process.env, HOME: '/nonexistent' },
      ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    },
  );
  return JSON.parse(stdout) as { uid: number; result: T };
}

/** Makes `path` and its parents up to the temp base traversable by the unprivileged probe. */
export async function openPathTo(path: string, levels = 2): Promise<void> {
  let p = path;
  for (let i = 0; i < levels; i++) {
    await chmod(p, 0o755);
    p = dirname(p);
  }
}
