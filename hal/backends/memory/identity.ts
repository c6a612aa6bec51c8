// In-memory identity source: serves a DeviceDescription as if it were a sysfs tree. It formats each
// value into the bytes the kernel file would hold and normalises them exactly as the sysfs backend
// does, so it is the reference the identity-source contract suite holds every backend to.

import { DMI_FIELDS, normalizeOptionsFor, recordOf, VPD_FIELDS } from '../../fields.ts';
import type {
  Availability,
  DmiField,
  FieldReading,
  IdentitySnapshot,
  IdentitySource,
  NetworkInterfaceInfo,
  NetworkSource,
  UsbDeviceInfo,
  VpdField,
} from '../../interface.ts';
import { normalizeValue, problemReading, toReading } from '../../normalize.ts';
import {
  compareNames,
  cpuinfoText,
  parseArphrdType,
  parseCpuinfoModel,
  parseMac,
  parseOperstate,
  parseUsbId,
  parseUsbString,
  rawBytes,
  sysfsText,
  usbIdText,
} from '../../sysfs-format.ts';
import { assertValidDescription, type DeviceDescription, resolveNetInterface } from './description.ts';

export type { DeviceDescription } from './description.ts';

export interface MemoryIdentitySourceOptions {
  /** Backend name reported in `name`, `backend` and every reading's `source` (default `memory`). */
  name?: string;
}

export class MemoryIdentitySource implements IdentitySource, NetworkSource {
  readonly name: string;
  readonly limitations: Readonly<Record<string, string>> = Object.freeze({});
  readonly #description: DeviceDescription;

  /** Throws a TypeError when interface or USB names are invalid or repeated. */
  constructor(description: DeviceDescription, options: MemoryIdentitySourceOptions = {}) {
    assertValidDescription(description);
    this.#description = description;
    this.name = options.name ?? 'memory';
  }

  async availability(): Promise<Availability> {
    return { available: true };
  }

  async readIdentity(): Promise<IdentitySnapshot> {
    const d = this.#description;
    const reading = (raw: Uint8Array | undefined, field: DmiField | VpdField): FieldReading =>
      raw === undefined
        ? problemReading('missing', this.name)
        : toReading(normalizeValue(raw, normalizeOptionsFor(field)), this.name);
    return {
      backend: this.name,
      dmi: recordOf(DMI_FIELDS, (f) => {
        const v = d.dmi?.[f];
        return reading(v === undefined ? undefined : sysfsText(v), f);
      }),
      vpd: recordOf(VPD_FIELDS, (f) => {
        const v = d.vpd?.[f];
        return reading(v === undefined ? undefined : rawBytes(v), f);
      }),
      cpuModel: toReading(
        parseCpuinfoModel(d.cpuModel === undefined ? null : Buffer.from(cpuinfoText(d.cpuModel), 'utf8')),
        this.name,
      ),
      network: await this.listInterfaces(),
      usb: this.#usb(),
    };
  }

  async listInterfaces(): Promise<NetworkInterfaceInfo[]> {
    return (this.#description.net ?? [])
      .map((n): NetworkInterfaceInfo => {
        const spec = resolveNetInterface(n);
        return {
          name: spec.name,
          mac: parseMac(sysfsText(spec.address)),
          type: parseArphrdType(sysfsText(String(spec.type))),
          operstate: parseOperstate(sysfsText(spec.operstate)),
          virtual: spec.virtual,
          wireless: spec.wireless,
        };
      })
      .sort((a, b) => compareNames(a.name, b.name));
  }

  #usb(): UsbDeviceInfo[] {
    const out: UsbDeviceInfo[] = [];
    const sorted = [...(this.#description.usb ?? [])].sort((a, b) => compareNames(a.id, b.id));
    for (const u of sorted) {
      const vendorId = parseUsbId(sysfsText(usbIdText(u.vendorId)));
      const productId = parseUsbId(sysfsText(usbIdText(u.productId)));
      if (vendorId === null || productId === null) continue;
      out.push({
        vendorId,
        productId,
        serialNumber: u.serial === undefined ? null : parseUsbString(sysfsText(u.serial)),
        product: u.product === undefined ? null : parseUsbString(sysfsText(u.product)),
      });
    }
    return out;
  }
}
