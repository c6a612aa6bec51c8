// Materialises a described device as a filesystem root that the sysfs backend (and the agent's
// `--root DIR`) reads as if it were `/` (DESIGN §3). Tests and the simulator share it.

import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertValidDescription,
  type DeviceDescription,
  resolveNetInterface,
} from '../hal/backends/memory/description.ts';
import { DMI_FIELDS, VPD_FIELDS } from '../hal/fields.ts';
import type { DmiField, VpdField } from '../hal/interface.ts';
import { cpuinfoText, rawBytes, sysfsText, usbIdText } from '../hal/sysfs-format.ts';

export {
  DEFAULT_LOOPBACK,
  type DeviceDescription,
  type NetInterfaceDescription,
  type UsbDeviceDescription,
} from '../hal/backends/memory/description.ts';

/** A device to materialise: its description plus optional permission bits per DMI/VPD file. */
export interface DeviceTreeSpec extends DeviceDescription {
  /** Mode of each DMI/VPD file; unspecified files get DEFAULT_FILE_MODES or 0444. */
  modes?: Partial<Record<DmiField | VpdField, number>>;
}

/** As on real hardware: serials are root-only, everything else world-readable. */
export const DEFAULT_FILE_MODES: Readonly<Partial<Record<DmiField | VpdField, number>>> = Object.freeze({
  product_serial: 0o400,
  board_serial: 0o400,
});

const READ_ONLY = 0o444;

function writeAttribute(path: string, content: Buffer | string, mode = READ_ONLY): void {
  writeFileSync(path, content, { mode });
  chmodSync(path, mode); // writeFile's mode is filtered by the umask.
}

/**
 * Writes `spec` under `root` (created if needed): DMI values with a trailing `\n`, VPD values raw,
 * byte arrays as given; /proc/cpuinfo when `cpuModel` is set; one directory per network interface
 * (physical ones get a `device` link into /sys/devices, Wi-Fi ones a `wireless/` directory) and per
 * USB device. Directories are created only for the parts the spec mentions. Throws on invalid or
 * duplicate interface/USB names (they would escape or collide in the tree).
 *
 * The calls are synchronous on purpose: a device is a burst of a few dozen tiny local writes, each a
 * few microseconds done directly and a thread-pool round trip done asynchronously, and fleets
 * materialise thousands of devices. The promise is kept so that callers need not care.
 */
export async function materializeDeviceTree(root: string, spec: DeviceTreeSpec): Promise<void> {
  assertValidDescription(spec);
  const modes = { ...DEFAULT_FILE_MODES, ...spec.modes };
  mkdirSync(root, { recursive: true });

  if (spec.dmi !== undefined) {
    const dir = join(root, 'sys/class/dmi/id');
    mkdirSync(dir, { recursive: true });
    for (const field of DMI_FIELDS) {
      const value = spec.dmi[field];
      if (value !== undefined) writeAttribute(join(dir, field), sysfsText(value), modes[field]);
    }
  }

  if (spec.vpd !== undefined) {
    const dir = join(root, 'sys/firmware/vpd/ro');
    mkdirSync(dir, { recursive: true });
    for (const field of VPD_FIELDS) {
      const value = spec.vpd[field];
      if (value !== undefined) writeAttribute(join(dir, field), rawBytes(value), modes[field]);
    }
  }

  if (spec.cpuModel !== undefined) {
    mkdirSync(join(root, 'proc'), { recursive: true });
    writeAttribute(join(root, 'proc/cpuinfo'), cpuinfoText(spec.cpuModel));
  }

  if (spec.net !== undefined) {
    const netDir = join(root, 'sys/class/net');
    mkdirSync(netDir, { recursive: true });
    let slot = 0;
    for (const described of spec.net) {
      const n = resolveNetInterface(described);
      const dir = join(netDir, n.name);
      mkdirSync(dir, { recursive: true });
      writeAttribute(join(dir, 'address'), sysfsText(n.address));
      writeAttribute(join(dir, 'type'), sysfsText(String(n.type)));
      writeAttribute(join(dir, 'operstate'), sysfsText(n.operstate));
      if (!n.virtual) {
        const pci = `0000:00:${(0x10 + slot++).toString(16).padStart(2, '0')}.0`;
        mkdirSync(join(root, 'sys/devices/pci0000:00', pci), { recursive: true });
        symlinkSync(`../../../devices/pci0000:00/${pci}`, join(dir, 'device'));
      }
      if (n.wireless) mkdirSync(join(dir, 'wireless'), { recursive: true });
    }
  }

  if (spec.usb !== undefined) {
    const usbDir = join(root, 'sys/bus/usb/devices');
    mkdirSync(usbDir, { recursive: true });
    for (const u of spec.usb) {
      const dir = join(usbDir, u.id);
      mkdirSync(dir, { recursive: true });
      writeAttribute(join(dir, 'idVendor'), sysfsText(usbIdText(u.vendorId)));
      writeAttribute(join(dir, 'idProduct'), sysfsText(usbIdText(u.productId)));
      if (u.serial !== undefined) writeAttribute(join(dir, 'serial'), sysfsText(u.serial));
      if (u.product !== undefined) writeAttribute(join(dir, 'product'), sysfsText(u.product));
    }
  }
}
