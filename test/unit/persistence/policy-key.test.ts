// The pinned policy key in state.json (DESIGN §6): kept with the managed record across restarts,
// and a pin that is not an RSA SubjectPublicKeyInfo is corrupt state (moved aside), never trusted.

import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type PersistedAgentState,
  planBoot,
  StateStore,
  validatePersistedState,
} from '../../../agent/persistence/index.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
  format: 'der',
  type: 'spki',
});
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
  format: 'der',
  type: 'spki',
});

function record(policyKey: unknown): Record<string, unknown> {
  return {
    version: 1,
    bootId: 'b1',
    bootAttempts: 0,
    phase: 'managed.idle',
    updatedAt: '2026-12-02T08:00:00.000Z',
    history: [],
    managed: {
      dmToken: 'dmt',
      managementDomain: 'demo.example',
      orgUnitPath: '/',
      enrolledAt: '2026-12-02T08:00:00.000Z',
      ...(policyKey === undefined ? {} : { policyKey }),
    },
  };
}

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('managed.policyKey', () => {
  it('an RSA SPKI pin is kept, with its version; a managed boot plan carries it', () => {
    const pin = { spki: rsa.toString('base64'), version: 3 };
    const v = validatePersistedState(record(pin));
    expect(v.ok && v.state.managed?.policyKey).toEqual(pin);
    if (!v.ok) throw new Error('refused');
    const { plan } = planBoot(v.state, { bootId: 'b2', now: new Date('2026-12-02T09:00:00Z') });
    expect(plan.kind === 'managed' && plan.managed.policyKey).toEqual(pin);
  });

  it('no pin yet (enrolled, policy never fetched) is fine; a missing version is null', () => {
    expect(validatePersistedState(record(undefined)).ok).toBe(true);
    const v = validatePersistedState(record({ spki: rsa.toString('base64') }));
    expect(v.ok && v.state.managed?.policyKey).toEqual({ spki: rsa.toString('base64'), version: null });
  });

  it.each([
    ['not base64', { spki: '***', version: 1 }],
    ['base64 of garbage', { spki: Buffer.from('not a key').toString('base64'), version: 1 }],
    ['an EC key', { spki: ec.toString('base64'), version: 1 }],
    ['an empty key', { spki: '', version: 1 }],
    ['a fractional version', { spki: rsa.toString('base64'), version: 1.5 }],
    ['a string', 'MIIB'],
  ])('a pin that is %s is corrupt state', (_, pin) => {
    expect(validatePersistedState(record(pin))).toMatchObject({ ok: false, problem: 'corrupt' });
  });

  it('the store moves a record with a corrupt pin aside, like any corrupt state', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zte-pin-'));
    dirs.push(dir);
    await writeFile(
      join(dir, 'state.json'),
      JSON.stringify(record({ spki: ec.toString('base64'), version: 1 })),
    );
    const loaded = await new StateStore({ dir }).load();
    expect(loaded).toMatchObject({ kind: 'recovered', problem: 'corrupt' });
  });

  it('save keeps the pin', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zte-pin-'));
    dirs.push(dir);
    const store = new StateStore({ dir });
    const pin = { spki: rsa.toString('base64'), version: 1 };
    await store.save(record(pin) as unknown as PersistedAgentState);
    const loaded = await store.load();
    expect(loaded.kind === 'loaded' && loaded.state.managed?.policyKey).toEqual(pin);
  });
});
