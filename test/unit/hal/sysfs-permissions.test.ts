// EACCES on root-only serials. chmod does not stop root, so when the tests run as root the backend
// runs in a child process as `nobody` (uid/gid 65534) over a tree whose serials are 0400 root:root,
// exactly like real DMI. When the tests already run unprivileged, the same tree is read in-process.

import { execFile } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SysfsBackend } from '../../../hal/backends/sysfs/index.ts';
import type { IdentitySnapshot } from '../../../hal/interface.ts';
import { materializeDeviceTree } from '../../../simulator/device-tree.ts';
import { useTempRoots } from '../../contract/temp-roots.ts';

const roots = useTempRoots('zte-sysfs-perm');
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const NOBODY = 65534;

async function readAsUnprivileged(
  root: string,
): Promise<{ uid: number | undefined; snapshot: IdentitySnapshot }> {
  if (process.getuid?.() !== 0)
    return { uid: process.getuid?.(), snapshot: await new SysfsBackend({ root }).readIdentity() };
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(here, 'fixtures/read-identity.ts'), root],
    { cwd: repo, uid: NOBODY, gid: NOBODY, env: { ...process.env, HOME: '/nonexistent' } },
  );
  return JSON.parse(stdout);
}

describe('sysfs backend: permissions', () => {
  it('reports root-only serials as unreadable to an unprivileged reader and reads the rest', async () => {
    const root = await roots.next();
    await materializeDeviceTree(root, {
      dmi: {
        sys_vendor: 'Dell Inc.',
        product_name: 'Latitude 5430 Chromebook',
        product_serial: 'ABC1234',
        board_serial: 'X',
      },
      vpd: { serial_number: 'ABC1234', region: 'us' },
      modes: { serial_number: 0o400, region: 0o000 },
    });
    await chmod(root, 0o755); // the temp base and root must be traversable by nobody
    await chmod(dirname(root), 0o755);

    const { uid, snapshot } = await readAsUnprivileged(root);
    expect(uid).not.toBe(0);
    const unreadable = { value: null, source: 'sysfs', problem: 'unreadable' };
    expect(snapshot.dmi.product_serial).toEqual(unreadable);
    expect(snapshot.dmi.board_serial).toEqual(unreadable);
    expect(snapshot.vpd.serial_number).toEqual(unreadable);
    expect(snapshot.vpd.region).toEqual(unreadable);
    expect(snapshot.dmi.sys_vendor).toEqual({ value: 'Dell Inc.', source: 'sysfs' });
    expect(snapshot.dmi.product_sku).toEqual({ value: null, source: 'sysfs', problem: 'missing' });

    // Control: the files are fine, only their permissions stop the reader (root reads them).
    if (process.getuid?.() === 0) {
      const privileged = await new SysfsBackend({ root }).readIdentity();
      expect(privileged.dmi.product_serial).toEqual({ value: 'ABC1234', source: 'sysfs' });
      expect(privileged.vpd.region).toEqual({ value: 'us', source: 'sysfs' });
    }
  });
});
