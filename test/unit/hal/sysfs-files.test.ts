// Files that are not what they should be: the sysfs backend names the problem and never blocks,
// never reads a file whole, never throws.

import { execFileSync } from 'node:child_process';
import { mkdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SysfsBackend } from '../../../hal/backends/sysfs/index.ts';
import { readBounded } from '../../../hal/backends/sysfs/read.ts';
import { materializeDeviceTree } from '../../../simulator/device-tree.ts';
import { useTempRoots } from '../../contract/temp-roots.ts';

const roots = useTempRoots('zte-sysfs-files');
const GOOD = {
  dmi: { sys_vendor: 'LENOVO', product_serial: 'PF3ABCDE' },
  vpd: { serial_number: 'PF3ABCDE' },
};

async function tree(): Promise<{ root: string; dmi: string; vpd: string }> {
  const root = await roots.next();
  await materializeDeviceTree(root, GOOD);
  return { root, dmi: join(root, 'sys/class/dmi/id'), vpd: join(root, 'sys/firmware/vpd/ro') };
}

async function read(root: string) {
  return new SysfsBackend({ root }).readIdentity();
}

describe('sysfs backend: odd files', () => {
  it('reports a directory where a file should be as not-a-file', async () => {
    const { root, dmi, vpd } = await tree();
    await rm(join(dmi, 'product_serial'));
    await mkdir(join(dmi, 'product_serial'));
    await rm(join(vpd, 'serial_number'));
    await mkdir(join(vpd, 'serial_number'));
    const snap = await read(root);
    expect(snap.dmi.product_serial).toEqual({ value: null, source: 'sysfs', problem: 'not-a-file' });
    expect(snap.vpd.serial_number).toEqual({ value: null, source: 'sysfs', problem: 'not-a-file' });
    expect(snap.dmi.sys_vendor).toEqual({ value: 'LENOVO', source: 'sysfs' });
  });

  it('reports a fifo as not-a-file without opening it (a blocking read would hang this test)', async () => {
    const { root, dmi } = await tree();
    await rm(join(dmi, 'product_serial'));
    execFileSync('mkfifo', [join(dmi, 'product_serial')]);
    await mkdir(join(root, 'proc'));
    execFileSync('mkfifo', [join(root, 'proc/cpuinfo')]);
    const snap = await read(root);
    expect(snap.dmi.product_serial.problem).toBe('not-a-file');
    expect(snap.cpuModel.problem).toBe('not-a-file');
  });

  it('reports a 1 MB value as too-large', async () => {
    const { root, vpd } = await tree();
    await writeFile(join(vpd, 'serial_number'), Buffer.alloc(1024 * 1024, 'A'));
    const snap = await read(root);
    expect(snap.vpd.serial_number).toEqual({ value: null, source: 'sysfs', problem: 'too-large' });
  });

  it('never reads a huge file whole: a sparse 8 GiB attribute is too-large, not an out-of-memory error', async () => {
    // fs.readFile refuses files over 2 GiB (ERR_FS_FILE_TOO_LARGE), which would show as `unreadable`.
    const { root, dmi } = await tree();
    await truncate(join(dmi, 'product_serial'), 8 * 1024 ** 3);
    const snap = await read(root);
    expect(snap.dmi.product_serial.problem).toBe('too-large');
  });

  it('reads at most the limit it is given', async () => {
    const { dmi } = await tree();
    await writeFile(join(dmi, 'product_name'), Buffer.alloc(1024 * 1024, 'B'));
    const result = await readBounded(join(dmi, 'product_name'), 321);
    expect(result.ok && result.bytes.length).toBe(321);
  });

  it('reports invalid UTF-8 as non-printable', async () => {
    const { root, dmi, vpd } = await tree();
    await writeFile(join(dmi, 'product_serial'), Buffer.from([0x50, 0x46, 0xc3, 0x28, 0x0a]));
    await writeFile(join(vpd, 'serial_number'), Buffer.from([0xff, 0xfe, 0x50, 0x46]));
    const snap = await read(root);
    expect(snap.dmi.product_serial.problem).toBe('non-printable');
    expect(snap.vpd.serial_number.problem).toBe('non-printable');
  });

  it('reports a symlink loop as unreadable and a dangling symlink as missing', async () => {
    const { root, dmi, vpd } = await tree();
    await rm(join(dmi, 'product_serial'));
    await symlink('product_serial', join(dmi, 'product_serial'));
    await rm(join(vpd, 'serial_number'));
    await symlink('nowhere', join(vpd, 'serial_number'));
    const snap = await read(root);
    expect(snap.dmi.product_serial.problem).toBe('unreadable');
    expect(snap.vpd.serial_number.problem).toBe('missing');
  });

  it('reports /proc/cpuinfo without a model name line as missing', async () => {
    const root = await roots.next();
    await mkdir(join(root, 'proc'));
    await writeFile(join(root, 'proc/cpuinfo'), 'processor\t: 0\nCPU part\t: 0xd05\n\n');
    expect((await read(root)).cpuModel).toEqual({ value: null, source: 'sysfs', problem: 'missing' });
  });
});
