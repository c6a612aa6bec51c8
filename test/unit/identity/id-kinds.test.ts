import { describe, expect, it } from 'vitest';
import { identifyDescribed } from '../../helpers/identity.ts';

const codes = (r: { reasons: Array<{ code: string }> }) => r.reasons.map((x) => x.code);
const net = [
  { name: 'eth0', address: '02:1a:2b:3c:4d:5e' },
  { name: 'eth1', address: '02:00:00:00:00:99' },
  { name: 'wlan0', address: '02:aa:aa:aa:aa:aa', wireless: true },
  { name: 'br0', address: '02:bb:bb:bb:bb:bb', virtual: true },
];

describe('serial-number kind', () => {
  const base = {
    vpd: {
      model_name: 'Chromebook Acer 311 (C722/C722T)',
      serial_number: 'NXABC123',
      mfg_date: '2022-01-01',
    },
  };

  it('uses VPD serial_number, else DMI product_serial', async () => {
    expect((await identifyDescribed(base)).certifiedDeviceId).toBe('NXABC123');
    const fromDmi = await identifyDescribed({
      vpd: { model_name: base.vpd.model_name },
      dmi: { product_serial: 'DMI999' },
    });
    expect(fromDmi.certifiedDeviceId).toBe('DMI999');
  });

  it('refuses an attested_device_id that differs from the serial', async () => {
    const r = await identifyDescribed({ vpd: { ...base.vpd, attested_device_id: 'OTHER' } });
    expect(codes(r)).toEqual(['identity-mismatch']);
    expect(r.certifiedDeviceId).toBeNull();
  });

  it('says missing-serial for a placeholder, blank or absent serial and trims padding', async () => {
    for (const serial of ['To be filled by O.E.M.', '   ', '0000000']) {
      expect(codes(await identifyDescribed({ vpd: { ...base.vpd, serial_number: serial } }))).toEqual([
        'missing-serial',
      ]);
    }
    expect(codes(await identifyDescribed({ vpd: { model_name: base.vpd.model_name } }))).toEqual([
      'missing-serial',
    ]);
    expect(
      (await identifyDescribed({ vpd: { ...base.vpd, serial_number: '  NXPAD1  ' } })).certifiedDeviceId,
    ).toBe('NXPAD1');
  });

  it('says invalid-identifier for a non-ASCII serial or one with a space inside', async () => {
    expect(codes(await identifyDescribed({ vpd: { ...base.vpd, serial_number: 'NXÄBC' } }))).toEqual([
      'invalid-identifier',
    ]);
    expect(codes(await identifyDescribed({ vpd: { ...base.vpd, serial_number: 'NX ABC' } }))).toEqual([
      'invalid-identifier',
    ]);
  });
});

describe('Samsung (footnote 2)', () => {
  const vpd = { model_name: 'Samsung Chromebook 4', mfg_date: '2022-03-01' };
  it('accepts a 15-character serial and refuses a 14-character one', async () => {
    expect((await identifyDescribed({ vpd: { ...vpd, serial_number: 'R1234567890ABCD' } })).eligible).toBe(
      true,
    );
    expect(codes(await identifyDescribed({ vpd: { ...vpd, serial_number: 'R1234567890ABC' } }))).toEqual([
      'serial-incomplete',
    ]);
  });

  it.each([1, 12, 13, 16, 17, 30])(
    'refuses a %i-character serial: only exactly 15 characters pass',
    async (n) => {
      const serial = `R${'1234567890ABCDEFGHIJKLMNOPQRSTUV'.slice(0, n - 1)}`;
      expect(serial).toHaveLength(n);
      const r = await identifyDescribed({ vpd: { ...vpd, serial_number: serial } });
      expect(codes(r)).toEqual(['serial-incomplete']);
      expect(r).toMatchObject({ eligible: false, certifiedDeviceId: null, serialNumber: serial });
    },
  );

  it('applies to every Samsung row, not only the footnote-2 ones', async () => {
    const r = await identifyDescribed({
      vpd: { model_name: 'Chromebook Samsung Galaxy 2 360', serial_number: 'R1234567890ABCDE' },
    });
    expect(codes(r)).toEqual(['serial-incomplete']);
  });

  it('does not apply to other manufacturers', async () => {
    const r = await identifyDescribed({
      vpd: {
        model_name: 'Chromebook Acer 314 (C934/C934T)',
        serial_number: 'NX1234567890ABCDE',
        mfg_date: '2022-03-01',
      },
    });
    expect(r.eligible).toBe(true);
  });
});

describe('service-tag kind (Dell)', () => {
  const vpd = { model_name: 'Chromebook Dell 3110', mfg_date: '2022-03-01' };
  it('takes DMI product_serial and accepts 7 or 5 alphanumerics only', async () => {
    expect((await identifyDescribed({ vpd, dmi: { product_serial: 'ABC1234' } })).certifiedDeviceId).toBe(
      'ABC1234',
    );
    expect((await identifyDescribed({ vpd, dmi: { product_serial: 'AB123' } })).certifiedDeviceId).toBe(
      'AB123',
    );
    expect(codes(await identifyDescribed({ vpd, dmi: { product_serial: 'ABC12345' } }))).toEqual([
      'invalid-identifier',
    ]);
  });
});

describe('asus-certified-id kind', () => {
  const vpd = {
    model_name: 'Chromebook ASUS CX1 (CX1101CMA)',
    serial_number: 'L9NXCV00X123',
    mfg_date: '2022-01-01',
  };
  it('requires VPD attested_device_id and keeps the serial separately', async () => {
    const ok = await identifyDescribed({ vpd: { ...vpd, attested_device_id: 'A1B2C3D4E5F60708' } });
    expect(ok).toMatchObject({
      certifiedDeviceId: 'A1B2C3D4E5F60708',
      serialNumber: 'L9NXCV00X123',
      eligible: true,
    });
    expect(codes(await identifyDescribed({ vpd }))).toEqual(['missing-attested-device-id']);
  });
});

describe('lenovo-1s-mtm-serial kind', () => {
  const vpd = {
    model_name: 'Chromebook Lenovo 300e 3e génération',
    serial_number: 'PF3ABCDE',
    mfg_date: '2022-01-01',
  };
  it('is 1S + MTM (DMI product_name) + serial', async () => {
    const r = await identifyDescribed({
      vpd,
      dmi: { product_name: '82J9S00L00', product_version: 'Lenovo 300e Chromebook Gen 3' },
    });
    expect(r.certifiedDeviceId).toBe('1S82J9S00L00PF3ABCDE');
    expect(r.eligible).toBe(true);
  });
  it('refuses an ADID that differs, and a missing MTM', async () => {
    const mismatch = await identifyDescribed({
      vpd: { ...vpd, attested_device_id: '1S82J9S00L00OTHER' },
      dmi: { product_name: '82J9S00L00' },
    });
    expect(codes(mismatch)).toEqual(['identity-mismatch']);
    expect(codes(await identifyDescribed({ vpd }))).toEqual(['invalid-identifier']);
  });
});

describe('lenovo-1s-origin-mac kind (ThinkCentre M60q, footnote 3)', () => {
  const vpd = { model_name: 'Chromebox Lenovo ThinkCentre M60q', serial_number: 'S1ABCDEF' };
  it.each(['C1KS', 'C1VM'])('accepts 1S + %s + one of the Ethernet MACs', async (origin) => {
    const r = await identifyDescribed({
      vpd: { ...vpd, attested_device_id: `1S${origin}0200000000 99`.replace(' ', '') },
      net,
    });
    expect(r).toMatchObject({ certifiedDeviceId: `1S${origin}020000000099`, eligible: true });
  });
  it('refuses a board swapped under the ADID (MAC not on this device), and Wi-Fi or virtual MACs', async () => {
    for (const mac of ['0211AA22BB33', '02AAAAAAAAAA', '02BBBBBBBBBB']) {
      expect(
        codes(await identifyDescribed({ vpd: { ...vpd, attested_device_id: `1SC1KS${mac}` }, net })),
      ).toEqual(['identity-mismatch']);
    }
  });
  it('refuses an unknown origin code, lower-case hex and a missing ADID', async () => {
    expect(
      codes(await identifyDescribed({ vpd: { ...vpd, attested_device_id: '1SC1XX021A2B3C4D5E' }, net })),
    ).toEqual(['invalid-identifier']);
    expect(
      codes(await identifyDescribed({ vpd: { ...vpd, attested_device_id: '1SC1KS021a2b3c4d5e' }, net })),
    ).toEqual(['invalid-identifier']);
    expect(codes(await identifyDescribed({ vpd, net }))).toEqual(['missing-attested-device-id']);
  });
});
