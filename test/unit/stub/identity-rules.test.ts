import { describe, expect, it } from 'vitest';
import { checkIdentity, isValidSerial, ORG_UNIT_REGEX } from '../../../server-stub/rules/identity.ts';

const base = { manufacturer: 'Acer' };
const code = (d: Parameters<typeof checkIdentity>[0]) => checkIdentity(d)?.code ?? 'OK';

describe('partner identity rules (DESIGN §4, stub side)', () => {
  it('rejects placeholder and malformed serials', () => {
    for (const bad of ['', 'N/A', 'OEM', 'o.e.m.', 'AAAAAAA', 'has space', 'x'.repeat(65)])
      expect(isValidSerial(bad), bad).toBe(false);
    expect(isValidSerial('NXHQEAA0011')).toBe(true);
  });

  it('checks each ID kind', () => {
    expect(code({ ...base, device_id: 'S1', id_kind: 'imei', serial_number: 'S1' })).toBe('INVALID_ID_KIND');
    expect(code({ ...base, device_id: 'SN12345', id_kind: 'serial-number', serial_number: 'sn12345' })).toBe(
      'OK',
    );
    expect(code({ ...base, device_id: 'SN12345', id_kind: 'serial-number', serial_number: 'SN99999' })).toBe(
      'IDENTITY_MISMATCH',
    );
    expect(code({ ...base, device_id: '7GH2KX3', id_kind: 'service-tag', serial_number: '7GH2KX3' })).toBe(
      'OK',
    );
    expect(code({ ...base, device_id: '7GH2K', id_kind: 'service-tag', serial_number: '7GH2K' })).toBe('OK');
    expect(code({ ...base, device_id: '7GH2KX', id_kind: 'service-tag', serial_number: '7GH2KX' })).toBe(
      'INVALID_DEVICE_ID',
    );
    expect(
      code({ ...base, device_id: 'ANYTHING#1', id_kind: 'asus-certified-id', serial_number: 'S123456' }),
    ).toBe('OK');
    expect(
      code({
        ...base,
        device_id: '1S82H0000PF0ABCD',
        id_kind: 'lenovo-1s-mtm-serial',
        serial_number: 'PF0ABCD',
      }),
    ).toBe('OK');
    expect(
      code({ ...base, device_id: '1SPF0ABCD', id_kind: 'lenovo-1s-mtm-serial', serial_number: 'PF0ABCD' }),
    ).toBe('IDENTITY_MISMATCH');
    expect(
      code({
        ...base,
        device_id: '82H0000PF0ABCD',
        id_kind: 'lenovo-1s-mtm-serial',
        serial_number: 'PF0ABCD',
      }),
    ).toBe('IDENTITY_MISMATCH');
    expect(
      code({
        ...base,
        device_id: '1SC1KS001122AABBCC',
        id_kind: 'lenovo-1s-origin-mac',
        serial_number: 'X1234',
      }),
    ).toBe('OK');
    expect(
      code({
        ...base,
        device_id: '1SC1KS001122aabbcc',
        id_kind: 'lenovo-1s-origin-mac',
        serial_number: 'X1234',
      }),
    ).toBe('INVALID_DEVICE_ID');
    expect(code({ ...base, device_id: 'SBID1', id_kind: 'smart-serial', serial_number: 'SBID2' })).toBe(
      'IDENTITY_MISMATCH',
    );
  });

  it('refuses Samsung 14-character serials (footnote 2) but not 15-character ones', () => {
    const s = (serial: string) =>
      code({ manufacturer: 'Samsung', device_id: serial, id_kind: 'serial-number', serial_number: serial });
    expect(s('R9XT1234567890')).toBe('SERIAL_INCOMPLETE');
    expect(s('R9XT12345678901')).toBe('OK');
  });

  it('refuses Samsung serials of any length other than 15 (13, 16, …), and only Samsung ones', () => {
    const s = (serial: string, manufacturer = 'Samsung') =>
      code({ manufacturer, device_id: serial, id_kind: 'serial-number', serial_number: serial });
    for (const serial of ['R9XT123456789', 'R9XT123456789012', 'R9', 'R9XT12345678901234567890']) {
      expect(s(serial), serial).toBe('SERIAL_INCOMPLETE');
      expect(s(serial, 'Acer'), serial).toBe('OK');
    }
  });

  it('validates org unit paths', () => {
    for (const ok of ['/', '/Classrooms', '/A/B c/D']) expect(ORG_UNIT_REGEX.test(ok), ok).toBe(true);
    for (const bad of ['', 'A', '/A/', '//', '/A//B']) expect(ORG_UNIT_REGEX.test(bad), bad).toBe(false);
  });
});
