import { describe, expect, it } from 'vitest';
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  hashPasswordSync,
  sameSecret,
  verifyPassword,
} from '../../../server-stub/smart/secrets.ts';
import { trialActive } from '../../../server-stub/smart/state.ts';
import { addDays, addYears } from '../../../server-stub/smart/time.ts';

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse');
    const b = hashPasswordSync('correct horse');
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horse', b)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('anything', DUMMY_PASSWORD_HASH)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it('compares secrets of different lengths without throwing', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });
});

describe('calendar arithmetic', () => {
  it('adds calendar years (29 February rolls to 1 March)', () => {
    expect(addYears(new Date('2024-02-29T10:00:00Z'), 1).toISOString()).toBe('2025-03-01T10:00:00.000Z');
    expect(addYears(new Date('2024-05-01T00:00:00Z'), 1).toISOString()).toBe('2025-05-01T00:00:00.000Z');
  });

  it('runs the trial up to, not including, trial_ends_at', () => {
    const ends = addDays(new Date('2025-01-01T00:00:00Z'), 30);
    const row = { status: 'ACTIVE' as const, trial_ends_at: ends.toISOString() };
    expect(trialActive(row, new Date(ends.getTime() - 1))).toBe(true);
    expect(trialActive(row, ends)).toBe(false);
    expect(trialActive({ status: 'PENDING_ACTIVATION', trial_ends_at: null }, ends)).toBe(false);
  });
});
