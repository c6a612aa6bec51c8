import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeOptionsFor } from '../../../hal/fields.ts';
import { normalizeValue } from '../../../hal/normalize.ts';

describe('text fields (model and vendor names) versus identifiers', () => {
  it('keeps printable UTF-8 in a name and refuses it in an identifier', () => {
    expect(normalizeValue('Chromebook Lenovo 14e 3e génération\n', { text: true })).toEqual({
      value: 'Chromebook Lenovo 14e 3e génération',
    });
    expect(normalizeValue('NXÄBC123', { text: false })).toEqual({ value: null, problem: 'non-printable' });
  });

  it('still refuses invalid UTF-8, C0/C1 controls and invisible format characters in a name', () => {
    for (const raw of [
      Uint8Array.from([0x41, 0xc3, 0x28, 0x42]),
      'Model\u0007X',
      'Model\u0085X',
      'Model\u200bX',
      'Model\u202eX',
    ]) {
      expect(normalizeValue(raw, { text: true })).toEqual({ value: null, problem: 'non-printable' });
    }
  });

  it('applies placeholders and trimming to names too', () => {
    expect(normalizeValue('  To be filled by O.E.M. ', { text: true }).problem).toBe('placeholder');
  });

  it('treats exactly the name fields as text', () => {
    expect(normalizeOptionsFor('model_name').text).toBe(true);
    expect(normalizeOptionsFor('product_version').text).toBe(true);
    for (const f of [
      'serial_number',
      'attested_device_id',
      'product_serial',
      'product_sku',
      'mfg_date',
    ] as const) {
      expect(normalizeOptionsFor(f).text).toBe(false);
    }
  });

  it('never crashes and never returns a control character, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const result = normalizeValue(bytes, { text: true });
        const isControl = (c: number) => c <= 0x1f || (c >= 0x7f && c <= 0x9f);
        if (result.value !== null)
          expect([...result.value].some((ch) => isControl(ch.codePointAt(0) ?? 0))).toBe(false);
      }),
    );
  });
});
