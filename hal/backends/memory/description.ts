// A device described as plain data: what the in-memory identity source serves and what
// simulator/device-tree.ts writes out as a filesystem root. Strings are values as a user would type
// them; byte arrays are exact file contents (to describe invalid UTF-8, NUL padding, …).

import type { DmiField, VpdField } from '../../interface.ts';
import { isEntryName } from '../../sysfs-format.ts';

export interface NetInterfaceDescription {
  /** Interface name, e.g. `eth0`, `wlan0`, `lo`. */
  name: string;
  /** `address` contents without the newline, e.g. `AA:BB:CC:00:11:22`. */
  address: string;
  /** ARPHRD type (default 1, Ethernet; loopback is 772). */
  type?: number;
  /** `operstate` (default `up`). */
  operstate?: string;
  /** No `device` entry (bridge, veth, loopback). Default false. */
  virtual?: boolean;
  /** Has a `wireless/` directory. Default false. */
  wireless?: boolean;
}

export interface UsbDeviceDescription {
  /** The bus entry name under /sys/bus/usb/devices, e.g. `1-2`. Devices are listed in this order. */
  id: string;
  vendorId: number;
  productId: number;
  serial?: string;
  product?: string;
}

export interface DeviceDescription {
  /** DMI values; strings get the kernel's trailing `\n`, byte arrays are written as they are. */
  dmi?: Partial<Record<DmiField, string | Uint8Array>>;
  /** RO VPD values, raw: no trailing newline. */
  vpd?: Partial<Record<VpdField, string | Uint8Array>>;
  /** `model name` of the processors in /proc/cpuinfo; absent → no /proc/cpuinfo. */
  cpuModel?: string;
  net?: NetInterfaceDescription[];
  usb?: UsbDeviceDescription[];
}

/** The description with its defaults applied: type 1 (Ethernet), operstate `up`, physical, wired. */
export function resolveNetInterface(n: NetInterfaceDescription): Required<NetInterfaceDescription> {
  return {
    name: n.name,
    address: n.address,
    type: n.type ?? 1,
    operstate: n.operstate ?? 'up',
    virtual: n.virtual ?? false,
    wireless: n.wireless ?? false,
  };
}

/** The loopback interface as Linux shows it. */
export const DEFAULT_LOOPBACK: Readonly<NetInterfaceDescription> = Object.freeze({
  name: 'lo',
  address: '00:00:00:00:00:00',
  type: 772,
  operstate: 'unknown',
  virtual: true,
  wireless: false,
});

/** Interface and USB names must be safe directory names and unique; throws a TypeError if not. */
export function assertValidDescription(description: DeviceDescription): void {
  const check = (kind: string, names: readonly string[]): void => {
    const seen = new Set<string>();
    for (const name of names) {
      if (!isEntryName(name)) throw new TypeError(`invalid ${kind} name ${JSON.stringify(name)}`);
      if (seen.has(name)) throw new TypeError(`duplicate ${kind} name ${JSON.stringify(name)}`);
      seen.add(name);
    }
  };
  check(
    'network interface',
    (description.net ?? []).map((n) => n.name),
  );
  check(
    'USB device',
    (description.usb ?? []).map((u) => u.id),
  );
}
