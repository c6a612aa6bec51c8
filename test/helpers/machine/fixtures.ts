// What scripted actors answer with: an eligible device, state answers, a registration, a verified
// policy, and the script of a device that enrolls without a hitch.

import type { IdentityReport } from '../../../agent/identity/report.ts';
import type { EnrollmentState, Registration, VerifiedPolicy } from '../../../agent/machine/types.ts';
import { catalogBrandCode } from '../../../protocol/brand-code.ts';
import type { Script } from './script.ts';

/** An eligible device; its brand code is its model's catalog code unless given (as the simulator's VPD). */
export function eligibleIdentity(overrides: Partial<IdentityReport> = {}): IdentityReport {
  const model = overrides.model === undefined ? 'Chromebook Acer 311 (C722/C722T)' : overrides.model;
  return {
    manufacturer: 'Acer',
    model,
    deviceClass: 'chromebook',
    serialNumber: 'NXHPVEK0010123456789',
    idKind: 'serial-number',
    certifiedDeviceId: 'NXHPVEK0010123456789',
    manufactureDate: '2022-05-01',
    brandCode: model === null ? null : catalogBrandCode(model),
    eligible: true,
    reasons: [],
    sources: {},
    ...overrides,
  };
}

/** A state answer (device_state_retrieval's initial_state_response, in the agent's words). */
export function enrollmentState(overrides: Partial<EnrollmentState> = {}): EnrollmentState {
  return {
    source: 'state-retrieval',
    mode: 'zero-touch-enforced',
    managementDomain: 'demo.example',
    orgUnitPath: null,
    licensePackaged: null,
    licensePackagingSku: null,
    assignedUpgradeType: null,
    disabledMessage: null,
    ...overrides,
  };
}

/** What enterprise_check answers for a device whose hash is not in the set. */
export const NOT_IN_SET: EnrollmentState = enrollmentState({
  source: 'hash-not-in-set',
  mode: 'none',
  managementDomain: null,
});

export function registration(overrides: Partial<Registration> = {}): Registration {
  return { dmToken: 'dmt', orgUnitPath: '/', licenseConsumed: true, bundledLicense: false, ...overrides };
}

/** A verified policy as fetchPolicy returns it (the key pinned, the settings decoded). */
export function verifiedPolicy(overrides: Partial<VerifiedPolicy> = {}): VerifiedPolicy {
  return {
    pin: { spki: 'c3BraQ==', version: 1 },
    keyFingerprint: 'ab'.repeat(32),
    keyChange: 'first-pin',
    timestamp: '2026-12-02T08:00:00.000Z',
    managedBy: 'demo.example',
    orgUnitPath: null,
    settings: { guest_mode_enabled: { guest_mode_enabled: false } },
    ...overrides,
  };
}

/** A pre-provisioned, eligible Chrome device with a right clock: straight to managed. */
export const happyScript = (): Script => ({
  readIdentity: [{ ok: eligibleIdentity() }],
  checkLink: [{ ok: { up: true } }],
  checkAttestation: [{ ok: { available: true } }],
  fetchEnrollmentState: [{ ok: enrollmentState() }],
  registerDevice: [{ ok: registration() }],
  fetchPolicy: [{ ok: verifiedPolicy() }],
  checkpoint: [{ ok: undefined }],
  checkClock: [{ ok: { ok: true } }],
});
