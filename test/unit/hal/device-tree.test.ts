// materializeDeviceTree writes files the way the kernel shows them.

import { lstat, readFile, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOOPBACK, materializeDeviceTree } from '../../../simulator/device-tree.ts';
import { useTempRoots } from '../../contract/temp-roots.ts';

const roots = useTempRoots('zte-device-tree');

describe('materializeDeviceTree', () => {
  it('writes DMI with a newline, VPD raw, byte arrays as given, serials 0400', async () => {
    const root = await roots.next();
    await materializeDeviceTree(root, {
      dmi: { sys_vendor: 'HP', product_serial: '5CD1', product_name: Buffer.from([0xff, 0x0a]) },
      vpd: { serial_number: '5CD1', region: 'fr' },
      modes: { region: 0o440 },
    });
    const dmi = join(root, 'sys/class/dmi/id');
    const vpd = join(root, 'sys/firmware/vpd/ro');
    expect(await readFile(join(dmi, 'sys_vendor'), 'latin1')).toBe('HP\n');
    expect(await readFile(join(dmi, 'product_name'))).toEqual(Buffer.from([0xff, 0x0a]));
    expect(await readFile(join(vpd, 'serial_number'), 'latin1')).toBe('5CD1');
    expect((await stat(join(dmi, 'product_serial'))).mode & 0o777).toBe(0o400);
    expect((await stat(join(dmi, 'sys_vendor'))).mode & 0o777).toBe(0o444);
    expect((await stat(join(vpd, 'region'))).mode & 0o777).toBe(0o440);
    await expect(stat(join(dmi, 'board_serial'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('gives physical interfaces a device link, Wi-Fi a wireless/ directory, virtual ones neither', async () => {
    const root = await roots.next();
    await materializeDeviceTree(root, {
      net: [
        DEFAULT_LOOPBACK,
        { name: 'eth0', address: 'aa:bb:cc:dd:ee:ff' },
        { name: 'wlan0', address: 'x', wireless: true },
      ],
      usb: [{ id: '1-2', vendorId: 0xb8c, productId: 0x1, serial: 'S1' }],
      cpuModel: 'AMD Ryzen 3 7320C',
    });
    const net = join(root, 'sys/class/net');
    expect(await readFile(join(net, 'eth0/address'), 'latin1')).toBe('aa:bb:cc:dd:ee:ff\n');
    expect(await readFile(join(net, 'lo/type'), 'latin1')).toBe('772\n');
    expect((await lstat(join(net, 'eth0/device'))).isSymbolicLink()).toBe(true);
    expect((await stat(join(net, 'eth0/device'))).isDirectory()).toBe(true);
    expect(await readlink(join(net, 'wlan0/device'))).toMatch(/^\.\.\/\.\.\/\.\.\/devices\/pci0000:00\//);
    expect((await stat(join(net, 'wlan0/wireless'))).isDirectory()).toBe(true);
    await expect(lstat(join(net, 'lo/device'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(lstat(join(net, 'eth0/wireless'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(join(root, 'sys/bus/usb/devices/1-2/idVendor'), 'latin1')).toBe('0b8c\n');
    expect(await readFile(join(root, 'proc/cpuinfo'), 'latin1')).toContain(
      'model name\t: AMD Ryzen 3 7320C\n',
    );
  });

  it('refuses interface names that would escape the tree or collide', async () => {
    const root = await roots.next();
    await expect(materializeDeviceTree(root, { net: [{ name: '../../etc', address: '' }] })).rejects.toThrow(
      TypeError,
    );
    await expect(
      materializeDeviceTree(root, {
        usb: [
          { id: '1-1', vendorId: 1, productId: 1 },
          { id: '1-1', vendorId: 2, productId: 2 },
        ],
      }),
    ).rejects.toThrow(/duplicate/);
  });
});
