// Whole-tree situations: no root at all, an empty root, a root that is a file, a broken hierarchy.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SysfsBackend } from '../../../hal/backends/sysfs/index.ts';
import { DMI_FIELDS, VPD_FIELDS } from '../../../hal/fields.ts';
import type { IdentitySnapshot } from '../../../hal/interface.ts';
import { useTempRoots } from '../../contract/temp-roots.ts';

const roots = useTempRoots('zte-sysfs-tree');

function expectAllMissing(snap: IdentitySnapshot): void {
  const missing = { value: null, source: 'sysfs', problem: 'missing' };
  for (const f of DMI_FIELDS) expect(snap.dmi[f]).toEqual(missing);
  for (const f of VPD_FIELDS) expect(snap.vpd[f]).toEqual(missing);
  expect(snap.cpuModel).toEqual(missing);
  expect(snap.network).toEqual([]);
  expect(snap.usb).toEqual([]);
}

describe('sysfs backend: trees', () => {
  it('is unavailable, and reads every field as missing, when the root does not exist', async () => {
    const root = join(await roots.next(), 'no-such-device');
    const backend = new SysfsBackend({ root });
    expect(await backend.availability()).toEqual({ available: false, reason: `root ${root} does not exist` });
    const snap = await backend.readIdentity();
    expect(snap.backend).toBe('sysfs');
    expectAllMissing(snap);
    expect(await backend.listInterfaces()).toEqual([]);
  });

  it('is available with every field missing when the root exists but is empty', async () => {
    const backend = new SysfsBackend({ root: await roots.next() });
    expect(await backend.availability()).toEqual({ available: true });
    expectAllMissing(await backend.readIdentity());
  });

  it('is unavailable when the root is a file', async () => {
    const root = join(await roots.next(), 'file');
    await writeFile(root, 'not a directory');
    const backend = new SysfsBackend({ root });
    expect(await backend.availability()).toMatchObject({ available: false });
    expectAllMissing(await backend.readIdentity());
  });

  it('reads fields as missing when a directory on their path is a file', async () => {
    const root = await roots.next();
    await mkdir(join(root, 'sys/class/dmi'), { recursive: true });
    await writeFile(join(root, 'sys/class/dmi/id'), 'oops');
    await mkdir(join(root, 'sys/class'), { recursive: true });
    await writeFile(join(root, 'sys/class/net'), 'oops');
    expectAllMissing(await new SysfsBackend({ root }).readIdentity());
  });

  it('treats a relative root as relative to the working directory', () => {
    expect(new SysfsBackend({ root: 'some/dir' }).root).toBe(join(process.cwd(), 'some/dir'));
    expect(new SysfsBackend().root).toBe('/');
  });
});
