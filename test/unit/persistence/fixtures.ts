// Shared test data: a valid record, temp directories, and a fast-check arbitrary of valid records.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach } from 'vitest';
import type { PersistedAgentState } from '../../../agent/persistence/index.ts';

export const T0 = new Date('2024-03-01T08:00:00.000Z');

export function validState(overrides: Partial<PersistedAgentState> = {}): PersistedAgentState {
  return {
    version: 1,
    bootId: 'boot-1',
    bootAttempts: 1,
    phase: 'registering',
    updatedAt: '2024-03-01T07:59:00.000Z',
    identity: {
      certifiedDeviceId: 'NXHQEAA0012345678',
      idKind: 'serial-number',
      serialNumber: 'NXHQEAA0012345678',
      model: 'Acer Chromebook 314 (C933)',
    },
    registration: { inFlight: true, attemptedAt: '2024-03-01T07:58:30.000Z' },
    lastError: null,
    history: [
      { state: 'readingIdentity', at: '2024-03-01T07:58:00.000Z' },
      { state: 'registering', at: '2024-03-01T07:58:30.000Z' },
    ],
    ...overrides,
  };
}

/** A fresh temp directory per test; `cleanup` removes it. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'zte-persistence-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Registers a fresh temp directory for every test of the calling file; the getter names the current one. */
export function tempDirPerTest(): () => string {
  let current: { dir: string; cleanup: () => Promise<void> } | null = null;
  beforeEach(async () => {
    current = await tempDir();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = null;
  });
  return () => {
    if (current === null) throw new Error('tempDirPerTest: no test is running');
    return current.dir;
  };
}

const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const text = fc.string({ unit: 'grapheme', maxLength: 30 });
const nonEmptyText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 });

/** Any record the validator accepts, optional parts present or not. */
export const arbState: fc.Arbitrary<PersistedAgentState> = fc.record(
  {
    version: fc.constant(1 as const),
    bootId: nonEmptyText,
    bootAttempts: fc.nat({ max: 1000 }),
    phase: nonEmptyText,
    updatedAt: isoDate,
    identity: fc.record({
      certifiedDeviceId: fc.option(text, { nil: null }),
      idKind: fc.option(text, { nil: null }),
      serialNumber: fc.option(text, { nil: null }),
      model: fc.option(text, { nil: null }),
    }),
    registration: fc.record({ inFlight: fc.boolean(), attemptedAt: isoDate }, { requiredKeys: ['inFlight'] }),
    managed: fc.record({
      dmToken: nonEmptyText,
      managementDomain: text,
      orgUnitPath: text,
      enrolledAt: isoDate,
    }),
    manual: fc.record({ reason: nonEmptyText }),
    lastError: fc.option(fc.record({ code: nonEmptyText, message: text }), { nil: null }),
    history: fc.array(fc.record({ state: nonEmptyText, at: isoDate }), { maxLength: 20 }),
  },
  { requiredKeys: ['version', 'bootId', 'bootAttempts', 'phase', 'updatedAt', 'history'] },
);
