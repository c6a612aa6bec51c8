// The unprivileged probes must not depend on the host's system temp dir being world-writable: on
// some hosts it is 0755 root:root, where `nobody` cannot create tsx's `tsx-<uid>` cache. Here the
// system temp dir of this file is such a directory (TMPDIR is what os.tmpdir() and tsx read).

import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdentitySnapshot } from '../../../hal/interface.ts';
import { materializeDeviceTree } from '../../../simulator/device-tree.ts';
import {
  dropsPrivileges,
  NOBODY,
  openPathTo,
  probeCommand,
  runUnprivileged,
} from '../../helpers/unprivileged.ts';

let systemTmp: string;
let savedTmpdir: string | undefined;
beforeEach(async () => {
  systemTmp = await mkdtemp(join(tmpdir(), 'zte-systmp-'));
  await chmod(systemTmp, 0o755);
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = systemTmp;
});
afterEach(async () => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  await rm(systemTmp, { recursive: true, force: true });
});

async function deviceTree(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'zte-tree-'));
  await materializeDeviceTree(root, {
    dmi: { sys_vendor: 'Dell Inc.', product_name: 'Latitude 5430 Chromebook', product_serial: 'ABC1234' },
    vpd: { serial_number: 'ABC1234' },
    modes: { serial_number: 0o400 },
  });
  await openPathTo(root, root);
  return root;
}

describe('unprivileged probes with a system temp dir of mode 0755', () => {
  it('the precondition holds: the system temp dir is this 0755 directory, not writable by others', async () => {
    expect(tmpdir()).toBe(systemTmp);
    expect((await stat(systemTmp)).mode & 0o777).toBe(0o755);
  });

  it('the probe runs through tsx with its own temp dir, reads the tree, and leaves nothing behind', async () => {
    const root = await deviceTree();
    const { uid, result } = await runUnprivileged<IdentitySnapshot>('read-identity', [root]);
    if (dropsPrivileges()) expect(uid).toBe(NOBODY);
    expect(result.dmi.sys_vendor).toEqual({ value: 'Dell Inc.', source: 'sysfs' });
    expect(result.dmi.product_serial).toEqual(
      dropsPrivileges()
        ? { value: null, source: 'sysfs', problem: 'unreadable' }
        : { value: 'ABC1234', source: 'sysfs' },
    );
    // Only the tree this test made: no scratch directory, no tsx cache of the child's uid.
    expect(await readdir(systemTmp)).toEqual([basename(root)]);
  });

  it('control: the same child given only the system temp dir cannot start as nobody', async () => {
    const root = await deviceTree();
    const command = probeCommand('read-identity', [root]);
    const run = promisify(execFile)(command.file, command.args, {
      cwd: resolve(import.meta.dirname, '../../..'),
      env: { ...process.env, TMPDIR: systemTmp, HOME: '/nonexistent' },
      ...(dropsPrivileges() ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    if (dropsPrivileges()) {
      await expect(run).rejects.toMatchObject({ stderr: expect.stringMatching(/EACCES/) });
    } else {
      // As ourselves the 0755 directory is ours and writable: the host's mode cannot bite.
      await expect(run).resolves.toMatchObject({ stdout: expect.stringContaining('"uid"') });
    }
  });
});
