// The brand code of DESIGN §5: VPD `rlz_brand_code` when it is 4 upper-case letters, else the
// catalog's code for the listed model; `sources.brandCode` says which.

import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../agent/catalog/index.ts';
import { catalogBrandCode } from '../../../protocol/brand-code.ts';
import { chromeDeviceProfile } from '../../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../../simulator/profiles/random.ts';
import { identifyDescribed } from '../../helpers/identity.ts';

const entry = CATALOG.find((e) => e.name === 'Chromebook Acer 311 (C722/C722T)');
if (!entry) throw new Error('catalog row missing');

function spec(rlz: string | undefined) {
  if (!entry) throw new Error('unreachable');
  const { spec: s } = chromeDeviceProfile(entry, seededRandom(7), { manufactureDate: '2022-06-01' });
  const vpd = { ...s.vpd };
  if (rlz === undefined) delete vpd.rlz_brand_code;
  else vpd.rlz_brand_code = rlz;
  return { ...s, vpd };
}

describe('brand code', () => {
  it('VPD rlz_brand_code wins when it is 4 upper-case letters', async () => {
    const report = await identifyDescribed(spec('QWRT'));
    expect(report.brandCode).toBe('QWRT');
    expect(report.sources.brandCode).not.toBe('catalog');
  });

  it.each([
    ['missing', undefined],
    ['lower case', 'acer'],
    ['too long', 'ACERX'],
    ['digits', 'AC3R'],
  ])('VPD %s → the catalog code of the listed model, source catalog', async (_, rlz) => {
    const report = await identifyDescribed(spec(rlz));
    expect(report.brandCode).toBe(catalogBrandCode(entry?.name ?? ''));
    expect(report.sources.brandCode).toBe('catalog');
  });

  it('a model that is not listed and has no VPD code has none', async () => {
    const s = spec(undefined);
    const report = await identifyDescribed({
      ...s,
      vpd: { ...s.vpd, model_name: 'Unknown Board 9000' },
      dmi: { ...s.dmi, product_sku: 'NOPE', product_name: 'NOPE' },
    });
    expect(report.model).toBeNull();
    expect(report.brandCode).toBeNull();
    expect(report.sources.brandCode).toBeUndefined();
  });
});
