// Permission errors cannot be provoked as root (root ignores mode bits), and CI runs as root. So a
// permission test runs its probe in a child process as `nobody` (uid/gid 65534) when we are root,
// and in-process-equivalent (a child as ourselves) otherwise: the same probe either way, no skip.
//
// The child is given everything it writes to explicitly: its own temp/cache directory (TMPDIR, where
// tsx keeps its `tsx-<uid>` cache) and HOME, both owned by the child's user. It never relies on the
// host's system temp dir being world-writable (on some hosts it is 0755), and nothing it writes
// outlives the call.

import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';

export const NOBODY = 65534;
const REPO = resolve(import.meta.dirname, '../..');
const PROBES = join(import.meta.dirname, 'unprivileged');

/** True when probes run as `nobody` (we are root), false when they run as ourselves. */
export function dropsPrivileges(): boolean {
  return process.getuid?.() === 0;
}

/**
 * A private, writable directory for one unprivileged child, under the current temp dir (TMPDIR is
 * honoured), owned by the user the child runs as. `env` points TMPDIR, HOME and the XDG cache at it.
 */
export async function childScratch(): Promise<{
  dir: string;
  env: NodeJS.ProcessEnv;
  dispose: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'zte-unpriv-'));
  if (dropsPrivileges()) await chown(dir, NOBODY, NOBODY);
  return {
    dir,
    env: { TMPDIR: dir, HOME: dir, XDG_CACHE_HOME: join(dir, '.cache') },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The command that runs `test/helpers/unprivileged/<probe>.ts args…` through tsx. */
export function probeCommand(probe: string, args: string[]): { file: string; args: string[] } {
  return { file: process.execPath, args: ['--import', 'tsx', join(PROBES, `${probe}.ts`), ...args] };
}

/** Runs `test/helpers/unprivileged/<probe>.ts args…` without privileges; returns its JSON line. */
export async function runUnprivileged<T>(probe: string, args: string[]): Promise<{ uid: number; result: T }> {
  const scratch = await childScratch();
  try {
    const command = probeCommand(probe, args);
    const { stdout } = await promisify(execFile)(command.file, command.args, {
      cwd: REPO,
      env: { ...process.env, ...scratch.env },
      ...(dropsPrivileges() ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    return JSON.parse(stdout) as { uid: number; result: T };
  } finally {
    await scratch.dispose();
  }
}

/**
 * Makes `path` and each of its parents up to and including `base` (a directory the test created)
 * traversable by the unprivileged probe. Never touches anything above `base`: the system temp dir
 * and its mode belong to the host.
 */
export async function openPathTo(path: string, base: string): Promise<void> {
  const rel = relative(base, path);
  if (isAbsolute(rel) || rel.split(sep)[0] === '..') {
    throw new Error(`openPathTo: ${path} is not inside ${base}`);
  }
  let p = resolve(path);
  const stop = resolve(base);
  for (;;) {
    await chmod(p, 0o755);
    if (p === stop) return;
    p = dirname(p);
  }
}
