// The IdentitySource contract (DESIGN §7): the same device description must read the same through
// every backend that can be given one. Each case states its expected readings explicitly, and a
// property compares random descriptions against the in-memory reference implementation.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryIdentitySource } from '../../hal/backends/memory/identity.ts';
import { DMI_FIELDS, VPD_FIELDS } from '../../hal/fields.ts';
import type { FieldReading, IdentitySnapshot, IdentitySource } from '../../hal/interface.ts';
import { normalizeLimits, PLACEHOLDERS } from '../../hal/normalize.ts';
import { DEFAULT_LOOPBACK, type DeviceTreeSpec } from '../../simulator/device-tree.ts';

/** One byte of value, then more NUL padding than the raw cap allows: too large whatever it trims to. */
const OVERPADDED = Buffer.concat([Buffer.from('X'), Buffer.alloc(normalizeLimits().maxBytes)]);

export type MakeIdentitySource = (spec: DeviceTreeSpec) => Promise<IdentitySource>;

const CHROMEBOOK: DeviceTreeSpec = {
  dmi: {
    sys_vendor: 'Google',
    product_name: 'Drawcia',
    product_version: 'rev3',
    product_serial: 'NXHQEAA0012345678',
    product_sku: 'sku196608',
    product_family: 'Google_Dedede',
    board_serial: 'BSN12345',
    chassis_type: '31',
    bios_date: '03/15/2022',
  },
  vpd: {
    serial_number: 'NXHQEAA0012345678',
    attested_device_id: 'NXHQEAA0012345678',
    mfg_date: '2023-11-02',
    model_name: 'Acer Chromebook Spin 311',
    rlz_brand_code: 'ACAA',
    region: 'fr',
    initial_locale: 'fr-FR',
  },
  cpuModel: 'Intel(R) Celeron(R) N4500 @ 1.10GHz',
  net: [
    { name: 'wlan0', address: '3C:A6:F6:12:34:56', wireless: true, operstate: 'dormant' },
    DEFAULT_LOOPBACK,
    { name: 'eth0', address: '00:e0:4c:68:00:01' },
    { name: 'docker0', address: '02:42:ac:11:00:02', virtual: true, operstate: 'down' },
    { name: 'tun0', address: 'not a mac', type: 65534, virtual: true },
  ],
  usb: [
    { id: '1-2', vendorId: 0x0b8c, productId: 0x0001, serial: '  SBID-MX065-ABC \n', product: 'SMART Touch' },
    { id: '1-1', vendorId: 0x046d, productId: 0xc52b },
    { id: '1-3', vendorId: 0x1234, productId: 0x5678, serial: 'To be filled by O.E.M.' },
  ],
};

/** Readings with the backend name replaced, so that two backends' snapshots can be compared. */
function anonymous(snapshot: IdentitySnapshot): unknown {
  const strip = (r: FieldReading) => ({ ...r, source: '*' });
  return {
    dmi: Object.fromEntries(Object.entries(snapshot.dmi).map(([k, r]) => [k, strip(r)])),
    vpd: Object.fromEntries(Object.entries(snapshot.vpd).map(([k, r]) => [k, strip(r)])),
    cpuModel: strip(snapshot.cpuModel),
    network: snapshot.network,
    usb: snapshot.usb,
  };
}

const valueArb = fc.oneof(
  fc.constantFrom(...PLACEHOLDERS, '', '   ', '0000000', 'FFFFFFFF', 'Café', 'A\tB'),
  fc.string({ unit: fc.constantFrom(...'AZ09 -.\t\n\0'), maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.uint8Array({ maxLength: 40 }),
  fc.constantFrom('L'.repeat(300), OVERPADDED, OVERPADDED.subarray(1)),
);
const macArb = fc.oneof(
  fc
    .uint8Array({ minLength: 6, maxLength: 6 })
    .map((b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(':')),
  fc.constantFrom('00:00:00:00:00:00', 'AA-BB-CC-DD-EE-FF', 'garbage', ''),
);
const specArb: fc.Arbitrary<DeviceTreeSpec> = fc.record(
  {
    dmi: fc.dictionary(fc.constantFrom(...DMI_FIELDS), valueArb),
    vpd: fc.dictionary(fc.constantFrom(...VPD_FIELDS), valueArb),
    cpuModel: fc.string({ maxLength: 60 }),
    net: fc.uniqueArray(
      fc.record(
        {
          name: fc.stringMatching(/^[a-z]{1,5}[0-9]?$/),
          address: macArb,
          type: fc.constantFrom(1, 772, 32, 65534),
          operstate: fc.constantFrom('up', 'down', 'unknown', 'dormant', ''),
          virtual: fc.boolean(),
          wireless: fc.boolean(),
        },
        { requiredKeys: ['name', 'address'] },
      ),
      { selector: (n) => n.name, maxLength: 4 },
    ),
    usb: fc.uniqueArray(
      fc.record(
        {
          id: fc.stringMatching(/^[1-4]-[1-4](\.[1-4])?$/),
          vendorId: fc.integer({ min: 0, max: 0x1ffff }),
          productId: fc.integer({ min: 0, max: 0xffff }),
          serial: fc.string({ maxLength: 20 }),
          product: fc.string({ maxLength: 20 }),
        },
        { requiredKeys: ['id', 'vendorId', 'productId'] },
      ),
      { selector: (u) => u.id, maxLength: 3 },
    ),
  },
  { requiredKeys: [] },
);

export function describeIdentitySourceContract(name: string, makeSource: MakeIdentitySource): void {
  describe(`IdentitySource contract: ${name}`, () => {
    it('reads a complete device: every DMI and VPD value, the CPU, interfaces and USB devices', async () => {
      const source = await makeSource(CHROMEBOOK);
      expect(await source.availability()).toEqual({ available: true });
      const snap = await source.readIdentity();
      const s = source.name;
      expect(snap.backend).toBe(s);
      for (const f of DMI_FIELDS) expect(snap.dmi[f]).toEqual({ value: CHROMEBOOK.dmi?.[f], source: s });
      for (const f of VPD_FIELDS) expect(snap.vpd[f]).toEqual({ value: CHROMEBOOK.vpd?.[f], source: s });
      expect(snap.cpuModel).toEqual({ value: 'Intel(R) Celeron(R) N4500 @ 1.10GHz', source: s });
      expect(snap.network).toEqual([
        {
          name: 'docker0',
          mac: '02:42:ac:11:00:02',
          type: 1,
          operstate: 'down',
          virtual: true,
          wireless: false,
        },
        { name: 'eth0', mac: '00:e0:4c:68:00:01', type: 1, operstate: 'up', virtual: false, wireless: false },
        { name: 'lo', mac: null, type: 772, operstate: 'unknown', virtual: true, wireless: false },
        { name: 'tun0', mac: null, type: 65534, operstate: 'up', virtual: true, wireless: false },
        {
          name: 'wlan0',
          mac: '3c:a6:f6:12:34:56',
          type: 1,
          operstate: 'dormant',
          virtual: false,
          wireless: true,
        },
      ]);
      expect(snap.usb).toEqual([
        { vendorId: 0x046d, productId: 0xc52b, serialNumber: null, product: null },
        { vendorId: 0x0b8c, productId: 0x0001, serialNumber: 'SBID-MX065-ABC', product: 'SMART Touch' },
        { vendorId: 0x1234, productId: 0x5678, serialNumber: null, product: null },
      ]);
    });

    it('reports every field missing, and no interfaces or USB devices, for an empty description', async () => {
      const source = await makeSource({});
      const snap = await source.readIdentity();
      const missing = { value: null, source: source.name, problem: 'missing' };
      for (const f of DMI_FIELDS) expect(snap.dmi[f]).toEqual(missing);
      for (const f of VPD_FIELDS) expect(snap.vpd[f]).toEqual(missing);
      expect(snap.cpuModel).toEqual(missing);
      expect(snap.network).toEqual([]);
      expect(snap.usb).toEqual([]);
    });

    it.each([
      ['  ABC123\t', 'ABC123'],
      ['\r\nABC 123\r\n', 'ABC 123'],
      [Buffer.from('SN-42\0\0\0\0', 'latin1'), 'SN-42'],
      ['X', 'X'],
    ])('trims %j to %j in DMI and VPD alike', async (raw, value) => {
      const source = await makeSource({ dmi: { product_serial: raw }, vpd: { serial_number: raw } });
      const snap = await source.readIdentity();
      expect(snap.dmi.product_serial).toEqual({ value, source: source.name });
      expect(snap.vpd.serial_number).toEqual({ value, source: source.name });
    });

    it.each([
      ...PLACEHOLDERS.map((p) => [JSON.stringify(p), p, 'placeholder'] as const),
      ['"  to BE filled by o.e.m. "', '  to BE filled by o.e.m. ', 'placeholder'],
      ['""', '', 'empty'],
      ['blanks', ' \t ', 'empty'],
      ['NUL bytes', Buffer.from([0, 0, 0]), 'empty'],
      ['"0000000"', '0000000', 'repeated-character'],
      ['"FFFFFFFF"', 'FFFFFFFF', 'repeated-character'],
      ['invalid UTF-8', Buffer.from([0x4e, 0x58, 0xff, 0xfe]), 'non-printable'],
      ['"Café"', 'Café', 'non-printable'],
      ['a control character', 'A\x01B', 'non-printable'],
      ['257 characters', 'S'.repeat(257), 'too-large'],
      ['a value padded beyond the raw cap', OVERPADDED, 'too-large'],
    ] as const)('rejects %s as %s', async (_label, raw, problem) => {
      const source = await makeSource({ dmi: { product_serial: raw }, vpd: { serial_number: raw } });
      const snap = await source.readIdentity();
      const expected = { value: null, source: source.name, problem };
      expect(snap.dmi.product_serial).toEqual(expected);
      expect(snap.vpd.serial_number).toEqual(expected);
      expect(snap.dmi.sys_vendor).toEqual({ value: null, source: source.name, problem: 'missing' });
    });

    it('reports a CPU model line that is a placeholder or non-printable as such', async () => {
      const bad = await (await makeSource({ cpuModel: 'Default string' })).readIdentity();
      expect(bad.cpuModel.problem).toBe('placeholder');
      const weird = await (await makeSource({ cpuModel: 'Intel® Core™ i3-N305' })).readIdentity();
      expect(weird.cpuModel.problem).toBe('non-printable');
    });

    it('agrees with the in-memory reference on random descriptions', async () => {
      await fc.assert(
        fc.asyncProperty(specArb, async (spec) => {
          const source = await makeSource(spec);
          const reference = new MemoryIdentitySource(spec);
          const [actual, expected] = await Promise.all([source.readIdentity(), reference.readIdentity()]);
          expect(anonymous(actual)).toEqual(anonymous(expected));
          for (const r of [...Object.values(actual.dmi), ...Object.values(actual.vpd), actual.cpuModel]) {
            expect(r.source).toBe(source.name);
          }
        }),
        { numRuns: 40 },
      );
    });
  });
}
