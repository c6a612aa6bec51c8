// Permission faults need an unprivileged process: root ignores mode bits (and CI runs as root). As
// root, campaigns run the agent as `nobody` and hand it its device tree; otherwise as ourselves.

import { lchown, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export const NOBODY = 65534;

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** uid/gid options for a child that must not be root. */
export function unprivilegedIds(): { uid?: number; gid?: number } {
  return runningAsRoot() ? { uid: NOBODY, gid: NOBODY } : {};
}

/** Gives `path` and everything under it to the unprivileged user (no-op when we are not root). */
export async function handOver(path: string): Promise<void> {
  if (!runningAsRoot()) return;
  await lchown(path, NOBODY, NOBODY);
  const info = await lstat(path);
  if (info.isDirectory()) {
    for (const name of await readdir(path)) await handOver(join(path, name));
  }
}
