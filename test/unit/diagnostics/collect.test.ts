// The `/api/diagnostics` object: its exact shape, what each part says, from a real machine driven by
// scripted actors and scripted server answers.

import { describe, expect, it } from 'vitest';
import { collectDiagnostics } from '../../../agent/diagnostics/index.ts';
import {
  enrollmentState,
  fakeDiagnosticsDeps,
  happyScript,
  startMachine,
  verifiedPolicy,
} from '../../helpers/machine/index.ts';

const options = { agentVersion: '1.2.3' };

describe('collectDiagnostics', () => {
  it('has exactly the documented fields, in order', async () => {
    const agent = startMachine(happyScript());
    await agent.reach('managed.idle');
    const { deps } = fakeDiagnosticsDeps({
      enrollmentState: [{ ok: enrollmentState({ orgUnitPath: '/Classrooms', licensePackaged: true }) }],
    });
    const d = await collectDiagnostics(agent.view, deps, options);
    expect(Object.keys(d)).toEqual([
      'agentVersion',
      'identity',
      'zteReady',
      'server',
      'network',
      'state',
      'history',
      'lastError',
      'policy',
      'backends',
    ]);
    expect(Object.keys(d.server)).toEqual([
      'reachable',
      'preProvisioned',
      'managementDomain',
      'orgUnitPath',
      'licensePackaged',
      'enrollmentMode',
      'checkedAt',
      'error',
    ]);
    expect(d.agentVersion).toBe('1.2.3');
    expect(d.identity?.serialNumber).toBe('NXHPVEK0010123456789');
    expect(d.zteReady).toBe(true);
    expect(d.server).toMatchObject({
      reachable: true,
      preProvisioned: true,
      managementDomain: 'demo.example',
      orgUnitPath: '/Classrooms',
      licensePackaged: true,
      error: null,
    });
    expect(Number.isNaN(Date.parse(d.server.checkedAt ?? ''))).toBe(false);
    expect(d.network.map((n) => n.name)).toEqual(['eth0', 'wlan0']);
    expect(d.state).toBe('managed.idle');
    // The boot's timeline, each entry {state, at}, from the first state to this one.
    expect(d.history).toEqual(agent.view.history);
    expect(d.history[0]?.state).toBe('readingIdentity');
    expect(d.history.at(-1)?.state).toBe('managed.idle');
    expect(d.history.map((h) => h.state)).toContain('automatic.registering.sending');
    for (const h of d.history) expect(Object.keys(h)).toEqual(['state', 'at']);
    expect(d.lastError).toBeNull();
    // The verified policy: its timestamp, the pinned key's fingerprint and the settings received.
    const p = verifiedPolicy();
    expect(d.policy).toEqual({
      timestamp: p.timestamp,
      keyFingerprint: p.keyFingerprint,
      keyVersion: p.pin.version,
      managedBy: 'demo.example',
      settings: { guest_mode_enabled: { guest_mode_enabled: false } },
    });
    expect(d.backends).toEqual({ 'attestation-file': 'available' });
    agent.stop();
  });

  it('gives the last error its code, message and the seed’s advice', async () => {
    const agent = startMachine({
      ...happyScript(),
      registerDevice: [
        { error: { code: 'missing-licenses', httpStatus: 402, message: 'register: no licence left' } },
      ],
    });
    await agent.reach('error');
    const d = await collectDiagnostics(agent.view, fakeDiagnosticsDeps().deps, options);
    expect(d.lastError).toEqual({
      code: 'missing-licenses',
      message: 'register: no licence left',
      advice: expect.stringContaining(
        'Contact your reseller to buy more Chrome Enterprise Upgrade licences.',
      ),
    });
    agent.stop();
  });

  it('reports each backend as available or unavailable with the reason, even when a probe throws', async () => {
    const agent = startMachine(happyScript());
    await agent.reach('managed.idle');
    const { deps } = fakeDiagnosticsDeps({
      keyStore: { available: false, reason: 'no key at /var/lib/tpm-sim/key.pem' },
    });
    const d = await collectDiagnostics(agent.view, deps, {
      ...options,
      backends: [
        { name: 'sysfs', availability: async () => ({ available: true }) },
        {
          name: 'hid',
          availability: async () => ({
            available: false,
            reason: 'libusb-1.0.so.0: cannot open shared object file',
          }),
        },
        {
          name: 'evdev',
          availability: async () => {
            throw new Error('EACCES /dev/input');
          },
        },
      ],
    });
    expect(d.backends).toEqual({
      sysfs: 'available',
      hid: 'unavailable: libusb-1.0.so.0: cannot open shared object file',
      evdev: 'unavailable: EACCES /dev/input',
      'attestation-file': 'unavailable: no key at /var/lib/tpm-sim/key.pem',
    });
    agent.stop();
  });

  it('before the identity is read: no identity, no ZTE mark, and the server is not asked', async () => {
    const agent = startMachine({ ...happyScript(), readIdentity: [{ hold: true }] });
    await agent.reach('readingIdentity');
    const fake = fakeDiagnosticsDeps();
    const d = await collectDiagnostics(agent.view, fake.deps, options);
    expect(d.identity).toBeNull();
    expect(d.zteReady).toBe(false);
    expect(d.state).toBe('readingIdentity');
    expect(d.server).toMatchObject({ reachable: null, preProvisioned: null, checkedAt: null });
    expect(d.server.error?.code).toBe('identity-unknown');
    expect(fake.lookups()).toBe(0);
    agent.stop();
  });
});
