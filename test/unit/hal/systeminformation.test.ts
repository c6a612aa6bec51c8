// The systeminformation fallback. This host has no DMI, so the real package is only checked for
// shape and for never throwing; a loader that fails shows the unavailable path.

import { describe, expect, it } from 'vitest';
import { SystemInformationBackend } from '../../../hal/backends/systeminformation/index.ts';
import { DMI_FIELDS, VPD_FIELDS } from '../../../hal/fields.ts';

describe('systeminformation backend', () => {
  it('states plainly what it cannot supply', () => {
    const { limitations, name } = new SystemInformationBackend();
    expect(name).toBe('systeminformation');
    expect(limitations.root).toMatch(/no custom root/);
    expect(limitations.vpd).toMatch(/no ChromeOS VPD/);
    for (const f of VPD_FIELDS) expect(limitations[f]).toMatch(/VPD/);
    expect(limitations.product_sku).toMatch(/never reads product_sku/);
    expect(limitations.product_serial).toMatch(/may need root/);
  });

  it('reads this host without throwing and returns a well-formed snapshot', async () => {
    const backend = new SystemInformationBackend();
    expect(await backend.availability()).toEqual({ available: true });
    const snap = await backend.readIdentity();
    expect(snap.backend).toBe('systeminformation');
    expect(Object.keys(snap.dmi).sort()).toEqual([...DMI_FIELDS].sort());
    for (const f of DMI_FIELDS) expect(snap.dmi[f].source).toBe('systeminformation');
    for (const f of VPD_FIELDS) {
      expect(snap.vpd[f]).toEqual({ value: null, source: 'systeminformation', problem: 'missing' });
    }
    expect(snap.dmi.product_sku.problem).toBe('missing');
    for (const reading of [...Object.values(snap.dmi), snap.cpuModel]) {
      expect((reading.value === null) !== (reading.problem === undefined)).toBe(true);
      if (reading.value !== null) expect(reading.value).toMatch(/^[\x21-\x7E][\x20-\x7E]*$/);
    }
    for (const n of snap.network)
      expect(n.mac === null || /^[0-9a-f]{2}(:[0-9a-f]{2})+$/.test(n.mac)).toBe(true);
    expect(snap.usb).toEqual([]);
  });

  it('is unavailable, with the reason, when the package cannot be loaded, and still reads without throwing', async () => {
    const backend = new SystemInformationBackend({
      load: () => Promise.reject(new Error('Cannot find module')),
    });
    expect(await backend.availability()).toEqual({
      available: false,
      reason: 'systeminformation could not be loaded: Cannot find module',
    });
    const snap = await backend.readIdentity();
    expect(snap.dmi.sys_vendor).toEqual({ value: null, source: 'systeminformation', problem: 'unreadable' });
    expect(snap.vpd.serial_number.problem).toBe('missing');
    expect(snap.network).toEqual([]);
  });
});
