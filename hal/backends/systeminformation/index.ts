// The `systeminformation` backend: a fallback identity source for hosts without ChromeOS VPD. It asks
// the systeminformation package about the running host (so it has no custom root) and maps what it
// can onto the snapshot; `limitations` says plainly what it cannot supply. The package is loaded
// lazily, and a failure to load it makes the backend unavailable rather than throwing.

import { DMI_FIELDS, recordOf, VPD_FIELDS } from '../../fields.ts';
import type {
  Availability,
  DmiField,
  FieldReading,
  IdentitySnapshot,
  IdentitySource,
  NetworkInterfaceInfo,
} from '../../interface.ts';
import { type NormalizedValue, normalizeValue, problemReading, toReading } from '../../normalize.ts';
import { compareNames, isEntryName, parseMac, parseOperstate } from '../../sysfs-format.ts';

export const SYSTEMINFORMATION_BACKEND_NAME = 'systeminformation';

/** The part of the systeminformation API this backend uses (injectable for hosts and tests). */
export interface SystemInformationApi {
  system(): Promise<{ manufacturer: string; model: string; version: string; serial: string }>;
  baseboard(): Promise<{ serial: string }>;
  cpu(): Promise<{ manufacturer: string; brand: string }>;
  networkInterfaces(): Promise<SiNetworkInterface[] | SiNetworkInterface>;
}

export interface SiNetworkInterface {
  iface: string;
  mac: string;
  internal: boolean;
  virtual: boolean;
  operstate: string;
  type: string;
}

export interface SystemInformationBackendOptions {
  /** How to obtain the API (default: `await import('systeminformation')`). */
  load?: () => Promise<SystemInformationApi>;
}

const VPD_LIMITATION = 'no ChromeOS VPD: systeminformation cannot read /sys/firmware/vpd (always missing)';

/** What this backend can never supply, and why. */
export const SYSTEMINFORMATION_LIMITATIONS: Readonly<Record<string, string>> = Object.freeze({
  root: 'reads the running host only: no custom root (a --root directory is ignored)',
  vpd: VPD_LIMITATION,
  ...Object.fromEntries(VPD_FIELDS.map((f) => [f, VPD_LIMITATION])),
  product_sku: 'never reads product_sku (always missing)',
  product_family: 'not exposed by systeminformation (always missing)',
  chassis_type:
    'not read: systeminformation names the chassis instead of giving the SMBIOS number (always missing)',
  bios_date:
    'not read: systeminformation re-parses the SMBIOS MM/DD/YYYY date as DD/MM/YYYY, so it is left missing rather than wrong',
  product_serial: 'serial may need root: the DMI serial is root-only (0400), so without root it is missing',
  board_serial:
    'serial may need root: the DMI board serial is root-only (0400), so without root it is missing',
  cpuModel: 'rebuilt from the CPU manufacturer and brand: "(R)" after the vendor and the word "CPU" are lost',
  network:
    'ARPHRD type is inferred (loopback 772, wired or wireless 1); Wi-Fi is recognised only on interfaces that are up',
  usb: 'USB devices are not listed (always empty)',
});

async function loadSystemInformation(): Promise<SystemInformationApi> {
  const mod = await import('systeminformation');
  return mod.default;
}

/** systeminformation's own "unknown" values: `-` everywhere, `Computer` / `Docker Container` as model. */
function siValue(raw: unknown, sentinels: readonly string[] = [], text = false): NormalizedValue {
  if (typeof raw !== 'string') return { value: null, problem: 'missing' };
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed === '-' || sentinels.includes(trimmed))
    return { value: null, problem: 'missing' };
  return normalizeValue(raw, { text });
}

/** Undoes systeminformation's `(R)` → `®` style rewriting so that the model name stays ASCII. */
function cpuModelName(manufacturer: unknown, brand: unknown): string | null {
  if (typeof brand !== 'string' || brand.trim() === '') return null;
  const ascii = brand.replaceAll('®', '(R)').replaceAll('™', '(TM)').replaceAll('©', '(C)');
  return typeof manufacturer === 'string' && manufacturer.trim() !== '' ? `${manufacturer} ${ascii}` : ascii;
}

async function settle<T>(promise: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await promise() };
  } catch {
    return { ok: false };
  }
}

export class SystemInformationBackend implements IdentitySource {
  readonly name = SYSTEMINFORMATION_BACKEND_NAME;
  readonly limitations = SYSTEMINFORMATION_LIMITATIONS;
  readonly #load: () => Promise<SystemInformationApi>;
  #api: Promise<SystemInformationApi> | undefined;

  constructor(options: SystemInformationBackendOptions = {}) {
    this.#load = options.load ?? loadSystemInformation;
  }

  #getApi(): Promise<SystemInformationApi> {
    this.#api ??= this.#load();
    return this.#api;
  }

  async availability(): Promise<Availability> {
    try {
      await this.#getApi();
      return { available: true };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { available: false, reason: `systeminformation could not be loaded: ${why}` };
    }
  }

  async readIdentity(): Promise<IdentitySnapshot> {
    const loaded = await settle(() => this.#getApi());
    const api = loaded.ok ? loaded.value : null;
    const call = async <T>(fn: (si: SystemInformationApi) => Promise<T>) =>
      api === null ? ({ ok: false } as const) : settle(() => fn(api));
    const [system, baseboard, cpu, nets] = await Promise.all([
      call((si) => si.system()),
      call((si) => si.baseboard()),
      call((si) => si.cpu()),
      call((si) => si.networkInterfaces()),
    ]);

    const reading = (n: NormalizedValue): FieldReading => toReading(n, this.name);
    const failed = problemReading('unreadable', this.name);
    const missing = problemReading('missing', this.name);
    const mapped: Partial<Record<DmiField, FieldReading>> = {
      sys_vendor: system.ok ? reading(siValue(system.value.manufacturer, [], true)) : failed,
      product_name: system.ok
        ? reading(siValue(system.value.model, ['Computer', 'Docker Container'], true))
        : failed,
      product_version: system.ok ? reading(siValue(system.value.version, [], true)) : failed,
      product_serial: system.ok ? reading(siValue(system.value.serial)) : failed,
      board_serial: baseboard.ok ? reading(siValue(baseboard.value.serial)) : failed,
    };
    return {
      backend: this.name,
      dmi: recordOf(DMI_FIELDS, (f) => mapped[f] ?? missing),
      vpd: recordOf(VPD_FIELDS, () => missing),
      cpuModel: cpu.ok ? reading(siValue(cpuModelName(cpu.value.manufacturer, cpu.value.brand))) : failed,
      network: nets.ok ? this.#network(nets.value) : [],
      usb: [],
    };
  }

  #network(raw: SiNetworkInterface[] | SiNetworkInterface): NetworkInterfaceInfo[] {
    const list = Array.isArray(raw) ? raw : [raw];
    const out: NetworkInterfaceInfo[] = [];
    for (const n of list) {
      if (typeof n !== 'object' || n === null || typeof n.iface !== 'string' || !isEntryName(n.iface))
        continue;
      const wired = n.type === 'wired' || n.type === 'wireless';
      out.push({
        name: n.iface,
        mac: typeof n.mac === 'string' ? parseMac(Buffer.from(n.mac, 'utf8')) : null,
        type: n.internal ? 772 : wired ? 1 : null,
        operstate: typeof n.operstate === 'string' ? parseOperstate(Buffer.from(n.operstate, 'utf8')) : null,
        virtual: n.internal === true || n.virtual === true || n.type === 'virtual',
        wireless: n.type === 'wireless',
      });
    }
    return out.sort((a, b) => compareNames(a.name, b.name));
  }
}

/** Factory form of `new SystemInformationBackend(options)`. */
export function createSystemInformationBackend(
  options: SystemInformationBackendOptions = {},
): SystemInformationBackend {
  return new SystemInformationBackend(options);
}
