// Which OOBE screen each machine state shows, and what it says: the real machine, scripted actors.

import { describe, expect, it } from 'vitest';
import { screenModelOf } from '../../../agent/ui/web/index.ts';
import {
  eligibleIdentity,
  happyScript,
  NOT_IN_SET,
  type Script,
  startMachine,
} from '../../helpers/machine/index.ts';

async function modelAt(script: Script, state: string) {
  const agent = startMachine(script);
  await agent.reach(state);
  const model = screenModelOf(agent.view.actor.getSnapshot());
  agent.stop();
  return model;
}

describe('screenModelOf', () => {
  it.each<[string, Script, string]>([
    ['readingIdentity', { ...happyScript(), readIdentity: [{ hold: true }] }, 'checking'],
    ['automatic.determining', { ...happyScript(), fetchEnrollmentState: [{ hold: true }] }, 'checking'],
    ['automatic.offline', { ...happyScript(), checkLink: [{ ok: { up: false } }] }, 'offline'],
    ['automatic.checkingAttestation', { ...happyScript(), checkAttestation: [{ hold: true }] }, 'enrolling'],
    ['automatic.registering.sending', { ...happyScript(), registerDevice: [{ hold: true }] }, 'enrolling'],
    ['managed.fetchingPolicy', { ...happyScript(), fetchPolicy: [{ hold: true }] }, 'enrolled'],
    ['managed.idle', happyScript(), 'enrolled'],
    ['manual.waiting', { ...happyScript(), fetchEnrollmentState: [{ ok: NOT_IN_SET }] }, 'manual'],
    ['error', { ...happyScript(), registerDevice: [{ error: { code: 'domain-mismatch' } }] }, 'error'],
  ])('%s → %s', async (state, script, screen) => {
    const model = await modelAt(script, state);
    expect(model.state).toBe(state);
    expect(model.screen).toBe(screen);
    expect(model.title.length).toBeGreaterThan(0);
    expect(model.message.length).toBeGreaterThan(0);
  });

  it('enrolled: "This device is managed by <domain>" with the org unit', async () => {
    const model = await modelAt(happyScript(), 'managed.idle');
    expect(model.message).toBe('This device is managed by demo.example');
    expect(model.enrolled).toEqual({ managementDomain: 'demo.example', orgUnitPath: '/' });
  });

  it('error: code, plain message and the seed’s steps', async () => {
    const model = await modelAt(
      { ...happyScript(), registerDevice: [{ error: { code: 'missing-licenses' } }] },
      'error',
    );
    expect(model.error?.code).toBe('missing-licenses');
    expect(model.error?.steps[0]).toBe(
      'Contact your reseller to buy more Chrome Enterprise Upgrade licences.',
    );
  });

  it('backoff: still checking, says when it tries again and why', async () => {
    const model = await modelAt(
      { ...happyScript(), fetchEnrollmentState: [{ error: { code: 'network' } }] },
      'automatic.backoff',
    );
    expect(model.screen).toBe('checking');
    expect(model.message).toMatch(/Trying again in \d+ s \(attempt 1\)/);
    expect(model.error?.code).toBe('network');
  });

  it('manual: Chrome devices get the account and the token, with the reason', async () => {
    const model = await modelAt(
      { ...happyScript(), fetchEnrollmentState: [{ ok: NOT_IN_SET }] },
      'manual.waiting',
    );
    expect(model.manual).toMatchObject({
      reason: 'not-pre-provisioned',
      methods: ['credentials', 'enrollment-token'],
    });
  });

  it("manual, ineligible device: the seed's steps (Alt+V, then support) under a stable advice code", async () => {
    const ineligible = eligibleIdentity({
      model: null,
      eligible: false,
      reasons: [{ code: 'model-not-listed', message: 'not in the table' }],
    });
    const model = await modelAt({ ...happyScript(), readIdentity: [{ ok: ineligible }] }, 'manual.waiting');
    expect(model.manual?.reason).toBe('model-not-listed');
    expect(model.manual?.advice?.code).toBe('check-eligibility-alt-v');
    expect(model.manual?.advice?.steps[0]).toContain('Alt+V');
    expect(model.manual?.advice?.steps).toHaveLength(2);
  });

  it('manual, not pre-provisioned: the partner step, not the Alt+V one', async () => {
    const model = await modelAt(
      { ...happyScript(), fetchEnrollmentState: [{ ok: NOT_IN_SET }] },
      'manual.waiting',
    );
    expect(model.manual?.advice?.code).toBe('check-with-partner');
  });

  it('follows the diagnostics region', async () => {
    const agent = startMachine(happyScript());
    await agent.reach('managed.idle');
    expect(screenModelOf(agent.view.actor.getSnapshot()).diagnosticsOpen).toBe(false);
    agent.view.actor.send({ type: 'ALT_V' });
    expect(screenModelOf(agent.view.actor.getSnapshot()).diagnosticsOpen).toBe(true);
    agent.stop();
  });
});
