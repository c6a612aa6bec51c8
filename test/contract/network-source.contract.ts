// The NetworkSource contract (DESIGN §3 network facts, §7): interfaces by name, MAC lower-case with
// colons (null when unusable), ARPHRD type, operstate, virtual (no `device/`) and Wi-Fi (`wireless/`);
// read fresh on every call, so the offline screen sees a cable plugged in. A source that is also an
// IdentitySource lists the same interfaces in its snapshot.

import { describe, expect, it } from 'vitest';
import type { IdentitySource, NetworkInterfaceInfo, NetworkSource } from '../../hal/interface.ts';
import { DEFAULT_LOOPBACK, type DeviceTreeSpec } from '../../simulator/device-tree.ts';

export interface NetworkHarness {
  source: NetworkSource;
  /** Changes one interface's operstate on the device (a cable plugged in or pulled out). */
  setOperstate(name: string, state: string): Promise<void>;
}

export type MakeNetworkHarness = (spec: DeviceTreeSpec) => Promise<NetworkHarness>;

const LAPTOP: DeviceTreeSpec = {
  net: [
    { name: 'wlan0', address: '3C:A6:F6:12:34:56', wireless: true, operstate: 'dormant' },
    DEFAULT_LOOPBACK,
    { name: 'eth0', address: '00:E0:4C:68:00:01', operstate: 'down' },
    { name: 'eth10', address: '00-e0-4c-68-00-0a' },
    { name: 'eth2', address: '00:e0:4c:68:00:02' },
    { name: 'docker0', address: '02:42:ac:11:00:02', virtual: true, operstate: 'down' },
    { name: 'tun0', address: 'not a mac', type: 65534, virtual: true },
  ],
};

const nic = (info: Partial<NetworkInterfaceInfo> & { name: string }): NetworkInterfaceInfo => ({
  mac: null,
  type: 1,
  operstate: 'up',
  virtual: false,
  wireless: false,
  ...info,
});

const isIdentitySource = (source: NetworkSource): source is NetworkSource & IdentitySource =>
  typeof (source as Partial<IdentitySource>).readIdentity === 'function';

/** What every listing must look like, whatever the device (also checked on real hardware). */
export function expectWellFormed(list: readonly NetworkInterfaceInfo[]): void {
  const names = list.map((n) => n.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  for (const n of list) {
    expect(Object.keys(n).sort()).toEqual(['mac', 'name', 'operstate', 'type', 'virtual', 'wireless']);
    expect(n.name).toMatch(/^[^/\s]+$/);
    if (n.mac !== null) expect(n.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    if (n.type !== null) expect(Number.isInteger(n.type)).toBe(true);
    if (n.operstate !== null) expect(n.operstate).toMatch(/^[a-z]+$/);
    expect(typeof n.virtual).toBe('boolean');
    expect(typeof n.wireless).toBe('boolean');
  }
}

export function describeNetworkSourceContract(name: string, make: MakeNetworkHarness): void {
  describe(`NetworkSource contract: ${name}`, () => {
    it('lists every interface in name order (by code unit: eth10 before eth2) with its MAC, type, state and kind', async () => {
      const { source } = await make(LAPTOP);
      const list = await source.listInterfaces();
      expectWellFormed(list);
      expect(list).toEqual([
        nic({ name: 'docker0', mac: '02:42:ac:11:00:02', operstate: 'down', virtual: true }),
        nic({ name: 'eth0', mac: '00:e0:4c:68:00:01', operstate: 'down' }),
        nic({ name: 'eth10', mac: '00:e0:4c:68:00:0a' }),
        nic({ name: 'eth2', mac: '00:e0:4c:68:00:02' }),
        nic({ name: 'lo', type: 772, operstate: 'unknown', virtual: true }),
        nic({ name: 'tun0', type: 65534, virtual: true }),
        nic({ name: 'wlan0', mac: '3c:a6:f6:12:34:56', operstate: 'dormant', wireless: true }),
      ]);
    });

    it('lists nothing for a device without network interfaces', async () => {
      expect(await (await make({})).source.listInterfaces()).toEqual([]);
      expect(await (await make({ net: [] })).source.listInterfaces()).toEqual([]);
    });

    it('reads the link state afresh on every call', async () => {
      const { source, setOperstate } = await make(LAPTOP);
      const state = async (n: string) => (await source.listInterfaces()).find((i) => i.name === n)?.operstate;
      expect(await state('eth0')).toBe('down');
      await setOperstate('eth0', 'up');
      expect(await state('eth0')).toBe('up');
      await setOperstate('eth0', 'down');
      await setOperstate('wlan0', 'up');
      expect(await state('eth0')).toBe('down');
      expect(await state('wlan0')).toBe('up');
    });

    it('agrees with its own identity snapshot when it is also an identity source', async (context) => {
      const { source } = await make(LAPTOP);
      if (!isIdentitySource(source)) {
        context.skip('not an identity source');
        return;
      }
      expect((await source.readIdentity()).network).toEqual(await source.listInterfaces());
    });
  });
}
