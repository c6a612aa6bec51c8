// Network interfaces and USB devices laid out as a real kernel lays them out (symlinks into
// /sys/devices, stray files), not only as materializeDeviceTree writes them.

import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SysfsBackend } from '../../../hal/backends/sysfs/index.ts';
import { useTempRoots } from '../../contract/temp-roots.ts';

const roots = useTempRoots('zte-sysfs-net');

async function files(dir: string, contents: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(contents)) await writeFile(join(dir, name), text);
}

/** /sys/class/net/<name> → ../../devices/<path>/net/<name>, optionally with device/ and wireless/. */
async function netInterface(
  root: string,
  name: string,
  devicePath: string,
  attrs: Record<string, string>,
  opts: { device?: boolean; wireless?: boolean } = {},
): Promise<void> {
  const real = join(root, 'sys/devices', devicePath, 'net', name);
  await files(real, attrs);
  if (opts.device) await symlink('../../../', join(real, 'device'));
  if (opts.wireless) await mkdir(join(real, 'wireless'));
  await mkdir(join(root, 'sys/class/net'), { recursive: true });
  await symlink(`../../devices/${devicePath}/net/${name}`, join(root, 'sys/class/net', name));
}

describe('sysfs backend: network interfaces', () => {
  it('tells Ethernet, Wi-Fi and virtual interfaces apart and skips stray files', async () => {
    const root = await roots.next();
    const attrs = (address: string, type = '1', operstate = 'up') => ({
      address: `${address}\n`,
      type: `${type}\n`,
      operstate: `${operstate}\n`,
    });
    await netInterface(root, 'lo', 'virtual', attrs('00:00:00:00:00:00', '772', 'unknown'));
    await netInterface(root, 'enp0s31f6', 'pci0000:00/0000:00:1f.6', attrs('8C:16:45:AA:BB:CC'), {
      device: true,
    });
    await netInterface(
      root,
      'wlp2s0',
      'pci0000:00/0000:02:00.0',
      attrs('f4:8c:50:01:02:03', '1', 'dormant'),
      {
        device: true,
        wireless: true,
      },
    );
    await netInterface(root, 'veth1a2b', 'virtual', attrs('9a:0b:1c:2d:3e:4f', '1', 'down'));
    await netInterface(
      root,
      'usb0',
      'pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0',
      { type: 'x\n' },
      { device: true },
    );
    await writeFile(join(root, 'sys/class/net/bonding_masters'), '\n');

    const backend = new SysfsBackend({ root });
    const snap = await backend.readIdentity();
    expect(snap.network).toEqual([
      {
        name: 'enp0s31f6',
        mac: '8c:16:45:aa:bb:cc',
        type: 1,
        operstate: 'up',
        virtual: false,
        wireless: false,
      },
      { name: 'lo', mac: null, type: 772, operstate: 'unknown', virtual: true, wireless: false },
      { name: 'usb0', mac: null, type: null, operstate: null, virtual: false, wireless: false },
      {
        name: 'veth1a2b',
        mac: '9a:0b:1c:2d:3e:4f',
        type: 1,
        operstate: 'down',
        virtual: true,
        wireless: false,
      },
      {
        name: 'wlp2s0',
        mac: 'f4:8c:50:01:02:03',
        type: 1,
        operstate: 'dormant',
        virtual: false,
        wireless: true,
      },
    ]);
    expect(await backend.listInterfaces()).toEqual(snap.network);
  });
});

describe('sysfs backend: USB devices', () => {
  it('lists devices with ids, skips interfaces and entries with malformed ids', async () => {
    const root = await roots.next();
    const bus = join(root, 'sys/bus/usb/devices');
    await files(join(bus, 'usb1'), {
      idVendor: '1d6b\n',
      idProduct: '0002\n',
      product: 'xHCI Host Controller\n',
    });
    await files(join(bus, '1-3'), {
      idVendor: '0B8C\n',
      idProduct: '00a1\n',
      serial: ' SBID7275-ABC123 \n',
      product: 'SMART Board 7000R\n',
    });
    await files(join(bus, '1-3:1.0'), { bInterfaceClass: '03\n' });
    await files(join(bus, '1-4'), { idVendor: 'zzzz\n', idProduct: '0001\n' });
    expect((await new SysfsBackend({ root }).readIdentity()).usb).toEqual([
      { vendorId: 0x0b8c, productId: 0x00a1, serialNumber: 'SBID7275-ABC123', product: 'SMART Board 7000R' },
      { vendorId: 0x1d6b, productId: 0x0002, serialNumber: null, product: 'xHCI Host Controller' },
    ]);
  });
});
