// A simulated ChromeOS device for any catalog row: the filesystem tree its firmware would expose
// (DESIGN §3) with maker-specific identifiers, and the identity DESIGN §4 says it must get.

import { resolveDerivedModel } from '../../agent/catalog/index.ts';
import type { CatalogEntry } from '../../agent/catalog/types.ts';
import { catalogBrandCode } from '../../protocol/brand-code.ts';
import type { DeviceTreeSpec } from '../device-tree.ts';
import { randomHex, randomMac, randomString } from './random.ts';

export interface ChromeDeviceOptions {
  /** `YYYY-MM-DD`; default: the row's cut-off (or 2022-06-01 when every device is compatible). */
  manufactureDate?: string;
  /** ThinkCentre M60q origin (footnote 3): KS made in China → C1KS, VN made in Viet Nam → C1VM. */
  origin?: 'KS' | 'VN';
  /** /proc/cpuinfo model name (footnote 4: an N305 makes a Lenovo 14e Gen 3 the `(15w)` model). */
  cpuModel?: string;
  /**
   * Samsung only, default 15. Footnote 2: 14 characters is the incomplete pre-cut-off label; any
   * length other than 15 (13, 16, …) is refused the same way (`serial-incomplete`). 2 to 64.
   */
  samsungSerialLength?: number;
}

export interface ChromeDeviceProfile {
  entry: CatalogEntry;
  spec: DeviceTreeSpec;
  /** What identify must answer for this tree. */
  expected: { serialNumber: string; certifiedDeviceId: string };
}

const DEFAULT_DATE = '2022-06-01';
const BOARD_NAMES = ['Drawcia', 'Lick', 'Boten', 'Storo', 'Kracko', 'Pirika', 'Magolor', 'Galtic'];

export function chromeDeviceProfile(
  entry: CatalogEntry,
  random: () => number,
  options: ChromeDeviceOptions = {},
): ChromeDeviceProfile {
  const mfgDate = options.manufactureDate ?? entry.eligibleFrom ?? DEFAULT_DATE;
  const mac = randomMac(random);
  const net = [
    { name: 'eth0', address: mac },
    { name: 'wlan0', address: randomMac(random), wireless: true },
  ];
  const cpuModel = options.cpuModel ?? 'Intel(R) Celeron(R) N4500 @ 1.10GHz';
  // The RLZ brand code the factory writes into RO VPD: the DM server's look-up key with the serial.
  const vpd: NonNullable<DeviceTreeSpec['vpd']> = {
    model_name: entry.name,
    mfg_date: mfgDate,
    rlz_brand_code: catalogBrandCode(resolveDerivedModel(entry, cpuModel)),
  };
  // Chromebook firmware puts the board's code name in product_name and a SKU in product_sku; the
  // first listed variant code stands in for the SKU so the variant-code path can be exercised too.
  const dmi: NonNullable<DeviceTreeSpec['dmi']> = {
    sys_vendor: entry.manufacturer,
    product_name: BOARD_NAMES[Math.floor(random() * BOARD_NAMES.length)] ?? 'Board',
  };
  const firstCode = entry.variantCodes[0];
  if (firstCode !== undefined) dmi.product_sku = `${firstCode}-${randomString(random, 4)}`;
  const spec: DeviceTreeSpec = {
    dmi,
    vpd,
    net,
    cpuModel,
  };

  switch (entry.idKind) {
    case 'serial-number': {
      const serial = makerSerial(entry.manufacturer, random, options.samsungSerialLength);
      vpd.serial_number = serial;
      dmi.product_serial = serial;
      return { entry, spec, expected: { serialNumber: serial, certifiedDeviceId: serial } };
    }
    case 'service-tag': {
      const tag = randomString(random, 7);
      dmi.product_serial = tag;
      vpd.serial_number = tag;
      return { entry, spec, expected: { serialNumber: tag, certifiedDeviceId: tag } };
    }
    case 'asus-certified-id': {
      const serial = `${randomString(random, 4)}NX${randomString(random, 9)}`;
      const adid = `${randomHex(random, 16)}`;
      vpd.serial_number = serial;
      vpd.attested_device_id = adid;
      dmi.product_serial = serial;
      return { entry, spec, expected: { serialNumber: serial, certifiedDeviceId: adid } };
    }
    case 'lenovo-1s-mtm-serial': {
      // Lenovo puts the machine type/model in product_name and the marketing name in product_version.
      const mtm = `${randomString(random, 4)}${randomString(random, 6)}`;
      const serial = `PF${randomString(random, 6)}`;
      dmi.product_name = mtm;
      dmi.product_version = entry.name;
      dmi.product_serial = serial;
      vpd.serial_number = serial;
      const id = `1S${mtm}${serial}`;
      vpd.attested_device_id = id;
      return { entry, spec, expected: { serialNumber: serial, certifiedDeviceId: id } };
    }
    case 'lenovo-1s-origin-mac': {
      const serial = `S1${randomString(random, 6)}`;
      const origin = options.origin === 'VN' ? 'C1VM' : 'C1KS';
      const id = `1S${origin}${mac.replace(/:/g, '').toUpperCase()}`;
      dmi.product_name = `11TE${randomString(random, 6)}`;
      dmi.product_version = entry.name;
      dmi.product_serial = serial;
      vpd.serial_number = serial;
      vpd.attested_device_id = id;
      return { entry, spec, expected: { serialNumber: serial, certifiedDeviceId: id } };
    }
    case 'smart-serial':
      throw new Error(`${entry.name} is a SMART display: use the SMART display profile`);
  }
}

function makerSerial(manufacturer: string, random: () => number, samsungLength = 15): string {
  if (!Number.isInteger(samsungLength) || samsungLength < 2 || samsungLength > 64) {
    throw new RangeError(`samsungSerialLength must be an integer from 2 to 64, not ${samsungLength}`);
  }
  switch (manufacturer) {
    case 'Acer':
      return `NX${randomString(random, 18)}`;
    case 'HP':
      return `5CD${randomString(random, 7)}`;
    case 'Samsung':
      return `R${randomString(random, samsungLength - 1)}`;
    default:
      return randomString(random, 12);
  }
}

/** The day before `date` (`YYYY-MM-DD`). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
