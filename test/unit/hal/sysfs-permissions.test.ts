// EACCES on root-only serials. chmod does not stop root, so when the tests run as root the backend
// runs in a child process as `nobody` (uid/gid 65534) over a tree whose serials are 0400 root:root,
// exactly like real DMI. When the tests already run unprivileged, the same tree is read in-process.

import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SysfsBackend } from '../../../hal/backends/sysfs/index.ts';
import type { IdentitySnapshot } from '../../../hal/interface.ts';
import { materializeDeviceTree } from '../../../simulator/device-tree.ts';
import { useTempRoots } from '../../contract/temp-roots.ts';
import { openPathTo, runUnprivileged } from '../../helpers/unprivileged.ts';

const roots = useTempRoots('zte-sysfs-perm');

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
    await openPathTo(root, dirname(root));

    const { uid, result: snapshot } = await runUnprivileged<IdentitySnapshot>('read-identity', [root]);
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
