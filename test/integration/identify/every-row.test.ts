// Every row of the seed's table, materialised as a device tree and read through the real sysfs
// backend: eligible when made on the cut-off, `made-before-cutoff` the day before it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../agent/catalog/index.ts';
import { chromeDeviceProfile, dayBefore } from '../../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../../simulator/profiles/random.ts';
import { identifyTree, treeDir } from '../../helpers/identity.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await treeDir()));
afterAll(async () => cleanup());

const rows = CATALOG.map((entry, index) => [index, entry.name, entry] as const);

describe.each(rows)('row %i: %s', (index, _name, entry) => {
  it('identifies as listed and eligible when made on the cut-off date', async () => {
    const profile = chromeDeviceProfile(entry, seededRandom(index + 1));
    const report = await identifyTree(`${dir}/ok-${index}`, profile.spec);
    expect(report).toMatchObject({
      manufacturer: entry.manufacturer,
      model: entry.name,
      deviceClass: entry.deviceClass,
      idKind: entry.idKind,
      serialNumber: profile.expected.serialNumber,
      certifiedDeviceId: profile.expected.certifiedDeviceId,
      eligible: true,
      reasons: [],
    });
    expect(report.sources.certifiedDeviceId).toBe('sysfs');
  });
});

describe.each(rows.filter(([, , entry]) => entry.eligibleFrom !== null))(
  'row %i with a cut-off: %s',
  (index, _name, entry) => {
    it('is not eligible when made the day before the cut-off', async () => {
      const cutoff = entry.eligibleFrom ?? '';
      const profile = chromeDeviceProfile(entry, seededRandom(index + 1), {
        manufactureDate: dayBefore(cutoff),
      });
      const report = await identifyTree(`${dir}/early-${index}`, profile.spec);
      expect(report.model).toBe(entry.name);
      expect(report.eligible).toBe(false);
      expect(report.reasons.map((r) => r.code)).toEqual(['made-before-cutoff']);
    });
  },
);
