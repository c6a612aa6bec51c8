// The NetworkSource contract on every backend that can run here: the in-memory reference, sysfs on a
// materialised tree, and sysfs on this host's own /sys/class/net (real hardware).

import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryIdentitySource } from '../../hal/backends/memory/identity.ts';
import { SysfsBackend } from '../../hal/backends/sysfs/index.ts';
import { type DeviceTreeSpec, materializeDeviceTree } from '../../simulator/device-tree.ts';
import { describeNetworkSourceContract, expectWellFormed } from './network-source.contract.ts';
import { useTempRoots } from './temp-roots.ts';

const roots = useTempRoots('zte-network-contract');

describeNetworkSourceContract('memory', async (spec) => {
  // The source reads the description it was given, so changing it is changing the device.
  const description: DeviceTreeSpec = { ...spec, net: spec.net?.map((n) => ({ ...n })) ?? [] };
  if (spec.net === undefined) delete description.net;
  return {
    source: new MemoryIdentitySource(description),
    async setOperstate(name, state) {
      const n = description.net?.find((i) => i.name === name);
      if (!n) throw new Error(`no interface ${name}`);
      n.operstate = state;
    },
  };
});

describeNetworkSourceContract('sysfs (materialised tree)', async (spec) => {
  const root = await roots.next();
  await materializeDeviceTree(root, spec);
  return {
    source: new SysfsBackend({ root }),
    async setOperstate(name, state) {
      const file = join(root, 'sys/class/net', name, 'operstate');
      await chmod(file, 0o644);
      await writeFile(file, `${state}\n`);
    },
  };
});

// This host's interfaces: what any real listing must look like (the host decides which exist).
describe('NetworkSource contract: sysfs on this host’s /sys/class/net (real hardware)', () => {
  const host = new SysfsBackend({ root: '/' });
  it('lists well-formed interfaces, the same on two reads, loopback virtual', async () => {
    const first = await host.listInterfaces();
    expectWellFormed(first);
    expect((await host.listInterfaces()).map((n) => n.name)).toEqual(first.map((n) => n.name));
    const lo = first.find((n) => n.name === 'lo');
    if (lo) expect(lo).toMatchObject({ type: 772, virtual: true, wireless: false });
  });
});
