import { describe, expect, it } from 'vitest';
import { identifyDescribed } from '../../helpers/identity.ts';

const codes = (r: { reasons: Array<{ code: string }> }) => r.reasons.map((x) => x.code);

describe('model matching', () => {
  it('matches the listed name case- and space-insensitively', async () => {
    const r = await identifyDescribed({
      vpd: { model_name: 'chromebook  acer 311 (c722/c722t)', serial_number: 'NX1' },
    });
    expect(r.model).toBe('Chromebook Acer 311 (C722/C722T)');
  });

  it('matches a variant code in product_sku, telling C733 from C733-R', async () => {
    const a = await identifyDescribed({
      dmi: { product_sku: 'C733-C607' },
      vpd: { serial_number: 'NX1', mfg_date: '2021-02-01' },
    });
    expect(a.model).toBe('Chromebook Acer 311 (C733/C733U/C733T)');
    const b = await identifyDescribed({ dmi: { product_name: 'C733-R' }, vpd: { serial_number: 'NX1' } });
    expect(b.model).toBe('Chromebook Acer 511 (C733-R/C733T-R/C734/C734T)');
  });

  it('says model-not-listed with the vendor and serial it saw', async () => {
    const r = await identifyDescribed({
      dmi: { sys_vendor: 'Contoso', product_name: 'Laptop 9' },
      vpd: { serial_number: 'X1' },
    });
    expect(r).toMatchObject({
      manufacturer: 'Contoso',
      model: null,
      serialNumber: 'X1',
      idKind: null,
      eligible: false,
    });
    expect(codes(r)).toEqual(['model-not-listed']);
  });

  it('picks the Lenovo 14e Gen 3 (15w) model for an N305 CPU only (footnote 4)', async () => {
    const spec = (cpuModel: string) => ({
      vpd: {
        model_name: 'Chromebook Lenovo 14e 3e génération',
        serial_number: 'PF1',
        mfg_date: '2024-01-01',
      },
      dmi: { product_name: '82W6000AUS' },
      cpuModel,
    });
    expect((await identifyDescribed(spec('Intel(R) Core(TM) i3-N305'))).model).toBe(
      'Chromebook Lenovo 14e 3e génération (15w)',
    );
    expect((await identifyDescribed(spec('Intel(R) N200'))).model).toBe(
      'Chromebook Lenovo 14e 3e génération',
    );
  });
});

describe('manufacture date', () => {
  const vpd = { model_name: 'Chromebook Acer 311 (C733/C733U/C733T)', serial_number: 'NX1' };
  it('is compared with the cut-off (2021-01-01 for this row)', async () => {
    expect((await identifyDescribed({ vpd: { ...vpd, mfg_date: '2021-01-01' } })).eligible).toBe(true);
    expect(codes(await identifyDescribed({ vpd: { ...vpd, mfg_date: '2020-12-31' } }))).toEqual([
      'made-before-cutoff',
    ]);
  });
  it('is unknown when missing or not a real YYYY-MM-DD date', async () => {
    for (const mfg_date of [undefined, '2021-02-30', '01/02/2021']) {
      const r = await identifyDescribed({ vpd: mfg_date === undefined ? vpd : { ...vpd, mfg_date } });
      expect(codes(r)).toEqual(['manufacture-date-unknown']);
    }
  });
  it('does not matter for a row where every device is compatible', async () => {
    const r = await identifyDescribed({
      vpd: { model_name: 'Chromebook Acer 311 (C722/C722T)', serial_number: 'NX1' },
    });
    expect(r.eligible).toBe(true);
    expect(r.manufactureDate).toBeNull();
  });
});
