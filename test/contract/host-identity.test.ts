// The IdentitySource contract on the backends that read the running host (real hardware): sysfs on
// `/` and `systeminformation`. No description says what they must find, so they are held to what any
// snapshot must look like, to their declared limitations, and to each other where both supply a field.
// (systeminformation cannot be given a described device: it only ever reads this host, which is why
// the description-driven suite in identity-source.contract.ts runs on memory and sysfs only.)

import { describe, expect, it } from 'vitest';
import { SysfsBackend } from '../../hal/backends/sysfs/index.ts';
import { SystemInformationBackend } from '../../hal/backends/systeminformation/index.ts';
import { DMI_FIELDS, VPD_FIELDS } from '../../hal/fields.ts';
import { describeIdentityInvariants } from './identity-invariants.ts';

describeIdentityInvariants(
  'sysfs on this host’s / (real hardware)',
  async () => new SysfsBackend({ root: '/' }),
);
describeIdentityInvariants(
  'systeminformation on this host (real hardware)',
  async () => new SystemInformationBackend(),
);
describeIdentityInvariants(
  'systeminformation when the package cannot load',
  async () =>
    new SystemInformationBackend({
      load: async () => {
        throw new Error('Cannot find package systeminformation');
      },
    }),
);

describe('IdentitySource contract: systeminformation beside sysfs on this host', () => {
  it('is available here (a plain JavaScript package), or says why not', async () => {
    const state = await new SystemInformationBackend().availability();
    expect(state.available || /^systeminformation could not be loaded: /.test(state.reason)).toBe(true);
  });

  it('honours its limitations: no VPD, no USB devices', async () => {
    const backend = new SystemInformationBackend();
    expect(Object.keys(backend.limitations)).toEqual(expect.arrayContaining(['vpd', 'usb', ...VPD_FIELDS]));
    const snap = await backend.readIdentity();
    for (const f of VPD_FIELDS)
      expect(snap.vpd[f]).toEqual({ value: null, source: backend.name, problem: 'missing' });
    expect(snap.usb).toEqual([]);
  });

  it('agrees with sysfs on every DMI field both can read, and on the MACs of the interfaces both list', async () => {
    const [si, fs] = await Promise.all([
      new SystemInformationBackend().readIdentity(),
      new SysfsBackend({ root: '/' }).readIdentity(),
    ]);
    for (const f of DMI_FIELDS) {
      const [a, b] = [si.dmi[f].value, fs.dmi[f].value];
      if (a !== null && b !== null) expect([f, a]).toEqual([f, b]);
    }
    const sysfsMacs = new Map(fs.network.map((n) => [n.name, n.mac]));
    for (const n of si.network) {
      const mac = sysfsMacs.get(n.name);
      if (mac !== undefined && mac !== null && n.mac !== null) expect([n.name, n.mac]).toEqual([n.name, mac]);
    }
  });

  it('says why it is unavailable when the package cannot load, and reads every field as unreadable', async () => {
    const broken = new SystemInformationBackend({
      load: async () => {
        throw new Error('Cannot find package systeminformation');
      },
    });
    expect(await broken.availability()).toEqual({
      available: false,
      reason: 'systeminformation could not be loaded: Cannot find package systeminformation',
    });
    const snap = await broken.readIdentity();
    expect(snap.dmi.sys_vendor).toEqual({ value: null, source: 'systeminformation', problem: 'unreadable' });
    expect(snap.network).toEqual([]);
  });
});
