import { describe, expect, it } from 'vitest';
import { normalizeLimits, normalizeValue, PLACEHOLDERS } from '../../../hal/normalize.ts';

describe('normalizeValue', () => {
  it.each([
    ['  ABC123\t', 'ABC123'],
    ['ABC\0\0\0', 'ABC'],
    ['\r\nABC 123\r\n', 'ABC 123'],
    ['\0 \tX\n', 'X'],
    ['~!"#$%&\'()*+,-./', '~!"#$%&\'()*+,-./'],
  ])('trims padding: %j → %j', (raw, expected) => {
    expect(normalizeValue(raw)).toEqual({ value: expected });
    expect(normalizeValue(Buffer.from(raw, 'utf8'))).toEqual({ value: expected });
  });

  it.each([...PLACEHOLDERS, 'to BE filled by o.e.m.', '  DEFAULT STRING \n', 'n/a', 'oem'])(
    'treats %j as a placeholder',
    (raw) => {
      expect(normalizeValue(raw)).toEqual({ value: null, problem: 'placeholder' });
    },
  );

  it('keeps values that merely contain a placeholder', () => {
    expect(normalizeValue('OEM-1234')).toEqual({ value: 'OEM-1234' });
    expect(normalizeValue('N/A2')).toEqual({ value: 'N/A2' });
  });

  it.each([
    [null, 'missing'],
    ['', 'empty'],
    ['  \t\r\n', 'empty'],
    [Buffer.from([0, 0, 0]), 'empty'],
    ['0000000', 'repeated-character'],
    ['FFFFFFFF', 'repeated-character'],
    [' 00 ', 'repeated-character'],
    [Buffer.from([0xff, 0xfe, 0x41]), 'non-printable'],
    [Buffer.from([0xc3, 0x28]), 'non-printable'],
    ['Café', 'non-printable'],
    ['A\x01B', 'non-printable'],
    ['A\tB', 'non-printable'],
    ['A\x7fB', 'non-printable'],
    ['A'.repeat(257), 'too-large'],
    ['x'.repeat(1_000_000), 'too-large'],
  ] as const)('%j → %s', (raw, problem) => {
    expect(normalizeValue(raw)).toEqual({ value: null, problem });
  });

  it('accepts one character and exactly the cap', () => {
    expect(normalizeValue('0')).toEqual({ value: '0' });
    const atCap = `${'A'.repeat(255)}B`;
    expect(normalizeValue(atCap)).toEqual({ value: atCap });
    expect(normalizeValue(`${atCap}\n`)).toEqual({ value: atCap });
    expect(normalizeValue(`${atCap}C`)).toEqual({ value: null, problem: 'too-large' });
  });

  it('honours a smaller cap and rejects oversized raw input before looking at it', () => {
    expect(normalizeValue('ABCDEFGHI', { maxLength: 8 })).toEqual({ value: null, problem: 'too-large' });
    expect(normalizeValue('ABCDEFGH', { maxLength: 8 })).toEqual({ value: 'ABCDEFGH' });
    const { maxBytes } = normalizeLimits();
    expect(normalizeValue(`X${'\0'.repeat(maxBytes)}`)).toEqual({ value: null, problem: 'too-large' });
    expect(normalizeValue(`X${'\0'.repeat(maxBytes - 1)}`)).toEqual({ value: 'X' });
  });

  it('ignores nonsensical limits instead of throwing', () => {
    expect(normalizeValue('ABC', { maxLength: Number.NaN, maxBytes: -1 })).toEqual({ value: 'ABC' });
  });

  it('normalises a byte view at an offset of a larger buffer', () => {
    const backing = Buffer.from('xxxx SN42 \nyyyy', 'latin1');
    expect(normalizeValue(backing.subarray(4, 11))).toEqual({ value: 'SN42' });
  });
});
