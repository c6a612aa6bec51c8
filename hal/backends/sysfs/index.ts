// The `sysfs` backend: reads DMI, ChromeOS RO VPD, /proc/cpuinfo, network interfaces and USB devices
// from a filesystem root (DESIGN §3; `root` stands for `/`). Never throws on bad device data: every
// field carries its problem. File reads go through one limiter (bounded concurrency) and never read
// more than a value's cap plus one byte.

import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DMI_FIELDS, normalizeOptionsFor, recordOfAsync, VPD_FIELDS } from '../../fields.ts';
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
import { normalizeLimits, normalizeValue, problemReading, toReading } from '../../normalize.ts';
import {
  CPUINFO_READ_LIMIT,
  compareNames,
  isEntryName,
  parseArphrdType,
  parseCpuinfoModel,
  parseMac,
  parseOperstate,
  parseUsbId,
  parseUsbString,
  SMALL_ATTRIBUTE_MAX_LENGTH,
} from '../../sysfs-format.ts';
import { entryExists, isDirectory, Limiter, listDirectory, readBounded } from './read.ts';

export const SYSFS_BACKEND_NAME = 'sysfs';

/** Most network interfaces / USB devices considered (the first by name); the rest are ignored. */
export const SYSFS_MAX_ENTRIES = 256;

/** Default number of file operations in flight at once. */
export const SYSFS_DEFAULT_CONCURRENCY = 8;

export const DMI_DIR = 'sys/class/dmi/id';
export const VPD_DIR = 'sys/firmware/vpd/ro';
export const NET_DIR = 'sys/class/net';
export const USB_DIR = 'sys/bus/usb/devices';
export const CPUINFO_PATH = 'proc/cpuinfo';

export interface SysfsBackendOptions {
  /** Directory standing for `/` (default `/`). */
  root?: string;
  /** File operations in flight at once (default 8). */
  concurrency?: number;
}

const VALUE_READ_LIMIT = normalizeLimits().maxBytes + 1;
const SMALL_READ_LIMIT = normalizeLimits({ maxLength: SMALL_ATTRIBUTE_MAX_LENGTH }).maxBytes + 1;

export class SysfsBackend implements IdentitySource, NetworkSource {
  readonly name = SYSFS_BACKEND_NAME;
  /** sysfs can supply every field (serials need root on real hardware: they then read `unreadable`). */
  readonly limitations: Readonly<Record<string, string>> = Object.freeze({});
  /** Absolute path of the directory standing for `/`. */
  readonly root: string;
  readonly #concurrency: number;

  constructor(options: SysfsBackendOptions = {}) {
    this.root = resolve(options.root ?? '/');
    this.#concurrency = options.concurrency ?? SYSFS_DEFAULT_CONCURRENCY;
  }

  /** Unavailable only when the root itself does not exist or is not a directory. */
  async availability(): Promise<Availability> {
    try {
      if ((await stat(this.root)).isDirectory()) return { available: true };
      return { available: false, reason: `root ${this.root} is not a directory` };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
      return {
        available: false,
        reason: code === 'ENOENT' ? `root ${this.root} does not exist` : `root ${this.root}: ${code}`,
      };
    }
  }

  async readIdentity(): Promise<IdentitySnapshot> {
    const limiter = new Limiter(this.#concurrency);
    const value = async (relative: string, field: DmiField | VpdField): Promise<FieldReading> => {
      const read = await limiter.run(() => readBounded(this.#path(relative), VALUE_READ_LIMIT));
      return read.ok
        ? toReading(normalizeValue(read.bytes, normalizeOptionsFor(field)), this.name)
        : problemReading(read.problem, this.name);
    };
    const [dmi, vpd, cpuModel, network, usb] = await Promise.all([
      recordOfAsync(DMI_FIELDS, (f) => value(`${DMI_DIR}/${f}`, f)),
      recordOfAsync(VPD_FIELDS, (f) => value(`${VPD_DIR}/${f}`, f)),
      this.#cpuModel(limiter),
      this.#interfaces(limiter),
      this.#usb(limiter),
    ]);
    return { backend: this.name, dmi, vpd, cpuModel, network, usb };
  }

  async listInterfaces(): Promise<NetworkInterfaceInfo[]> {
    return this.#interfaces(new Limiter(this.#concurrency));
  }

  #path(relative: string): string {
    return join(this.root, relative);
  }

  async #cpuModel(limiter: Limiter): Promise<FieldReading> {
    const read = await limiter.run(() => readBounded(this.#path(CPUINFO_PATH), CPUINFO_READ_LIMIT));
    return read.ok
      ? toReading(parseCpuinfoModel(read.bytes), this.name)
      : problemReading(read.problem, this.name);
  }

  /** Entry names of a bus/class directory that can be devices, sorted, at most SYSFS_MAX_ENTRIES. */
  async #entries(limiter: Limiter, relative: string): Promise<string[]> {
    const names = await limiter.run(() => listDirectory(this.#path(relative)));
    return names.filter(isEntryName).sort(compareNames).slice(0, SYSFS_MAX_ENTRIES);
  }

  async #small(limiter: Limiter, relative: string): Promise<Buffer | null> {
    const read = await limiter.run(() => readBounded(this.#path(relative), SMALL_READ_LIMIT));
    return read.ok ? read.bytes : null;
  }

  async #interfaces(limiter: Limiter): Promise<NetworkInterfaceInfo[]> {
    const names = await this.#entries(limiter, NET_DIR);
    const found = await Promise.all(
      names.map(async (name): Promise<NetworkInterfaceInfo | null> => {
        const dir = `${NET_DIR}/${name}`;
        // Skip plain files such as `bonding_masters`.
        if (!(await limiter.run(() => isDirectory(this.#path(dir))))) return null;
        const [address, type, operstate, hasDevice, wireless] = await Promise.all([
          this.#small(limiter, `${dir}/address`),
          this.#small(limiter, `${dir}/type`),
          this.#small(limiter, `${dir}/operstate`),
          limiter.run(() => entryExists(this.#path(`${dir}/device`))),
          limiter.run(() => isDirectory(this.#path(`${dir}/wireless`))),
        ]);
        return {
          name,
          mac: parseMac(address),
          type: parseArphrdType(type),
          operstate: parseOperstate(operstate),
          virtual: !hasDevice,
          wireless,
        };
      }),
    );
    return found.filter((i): i is NetworkInterfaceInfo => i !== null);
  }

  async #usb(limiter: Limiter): Promise<UsbDeviceInfo[]> {
    const names = await this.#entries(limiter, USB_DIR);
    const found = await Promise.all(
      names.map(async (name): Promise<UsbDeviceInfo | null> => {
        const dir = `${USB_DIR}/${name}`;
        const [vendor, product, serial, productName] = await Promise.all([
          this.#small(limiter, `${dir}/idVendor`),
          this.#small(limiter, `${dir}/idProduct`),
          limiter.run(() => readBounded(this.#path(`${dir}/serial`), VALUE_READ_LIMIT)),
          limiter.run(() => readBounded(this.#path(`${dir}/product`), VALUE_READ_LIMIT)),
        ]);
        const vendorId = parseUsbId(vendor);
        const productId = parseUsbId(product);
        // Interfaces (`1-2:1.0`) and hubs' ports have no ids: not devices.
        if (vendorId === null || productId === null) return null;
        return {
          vendorId,
          productId,
          serialNumber: serial.ok ? parseUsbString(serial.bytes) : null,
          product: productName.ok ? parseUsbString(productName.bytes) : null,
        };
      }),
    );
    return found.filter((u): u is UsbDeviceInfo => u !== null);
  }
}

/** Factory form of `new SysfsBackend(options)`. */
export function createSysfsBackend(options: SysfsBackendOptions = {}): SysfsBackend {
  return new SysfsBackend(options);
}
