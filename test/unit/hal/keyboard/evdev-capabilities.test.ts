import { describe, expect, it } from 'vitest';
import { capabilitiesHaveKeyV } from '../../../../hal/backends/keyboard/evdev.ts';

describe('capabilitiesHaveKeyV (sysfs capabilities/key bitmap)', () => {
  it('finds KEY_V in a full keyboard bitmap', () => {
    expect(capabilitiesHaveKeyV('1000000000007 ff9f207ac14057ff febeffdfffefffff fffffffffffffffe\n')).toBe(
      true,
    );
  });

  it('looks at bit 47 of the last (least significant) 64-bit word', () => {
    expect(capabilitiesHaveKeyV(`${(1n << 47n).toString(16)}\n`)).toBe(true);
    expect(capabilitiesHaveKeyV(`${(1n << 47n).toString(16)} 0\n`)).toBe(false);
    expect(capabilitiesHaveKeyV(`${((1n << 64n) - 1n - (1n << 47n)).toString(16)}\n`)).toBe(false);
  });

  it('rejects a power button, a mouse, an empty file and garbage', () => {
    expect(capabilitiesHaveKeyV('10000000000000 0\n')).toBe(false);
    expect(capabilitiesHaveKeyV('1f0000 0 0 0 0\n')).toBe(false);
    expect(capabilitiesHaveKeyV('')).toBe(false);
    expect(capabilitiesHaveKeyV('zz')).toBe(false);
  });
});
