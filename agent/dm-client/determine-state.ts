// Chromium's state determination for a device's first boot (DESIGN §5 "State determination"):
//  1. `enterprise_check`, forced-enrollment flavour — the hash dance. The device sends only the low
//     `power` bits of SHA-256(brand_code + "_" + serial)[0..8); the server answers the bucket's hashes,
//     or asks once for another modulus (`expected_modulus`). A device whose hash is not among the
//     hashes is not pre-provisioned, and its serial number never leaves it.
//  2. Only then `device_state_retrieval` with serial + brand code → `initial_state_response`, whose
//     mode decides: ZERO_TOUCH_ENFORCED registers, NONE is "not pre-provisioned", the others go to
//     the manual screen with their own reason.

import { isFieldSet } from '@bufbuild/protobuf';
import {
  DeviceAutoEnrollmentResponseSchema,
  type DeviceInitialEnrollmentStateResponse,
  DeviceInitialEnrollmentStateResponse_AssignedUpgradeType,
  DeviceInitialEnrollmentStateResponse_LicensePackagingSKU,
  DeviceInitialEnrollmentStateResponseSchema,
  DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode as Mode,
} from '../../protocol/dm.ts';
import {
  forcedEnrollmentHash,
  hashRemainder,
  MAX_MODULUS_POWER,
  modulusPower,
  sameHash,
} from '../../protocol/forced-enrollment-hash.ts';
import type { DmCallOptions, DmClient } from './client.ts';
import { DmError } from './errors.ts';

/** The look-up's verdict, in the agent's words (a plain, serializable value). */
export type EnrollmentMode =
  | 'none'
  | 'enrollment-enforced'
  | 'zero-touch-enforced'
  | 'disabled'
  | 'token-enrollment-enforced';

export interface EnrollmentState {
  /**
   * `hash-not-in-set`: enterprise_check found no such device (the serial was never sent);
   * `state-retrieval`: device_state_retrieval answered.
   */
  source: 'hash-not-in-set' | 'state-retrieval';
  mode: EnrollmentMode;
  managementDomain: string | null;
  /** Ours (field 1000): the org unit a pre-provisioned device goes to. */
  orgUnitPath: string | null;
  licensePackaged: boolean | null;
  /** The proto's enum names, e.g. `CHROME_ENTERPRISE`; null when absent. */
  licensePackagingSku: string | null;
  assignedUpgradeType: string | null;
  /** DISABLED: the message the organisation shows. */
  disabledMessage: string | null;
}

/** Chromium's AutoEnrollmentClient starts with a small modulus (2^4 buckets). */
export const INITIAL_MODULUS_POWER = 4;
/** The largest modulus the device follows (2^20 buckets); a server asking more is not believed. */
export const MODULUS_POWER_LIMIT = 20;

const MODES: Readonly<Record<number, EnrollmentMode>> = {
  [Mode.NONE]: 'none',
  [Mode.ENROLLMENT_ENFORCED]: 'enrollment-enforced',
  [Mode.ZERO_TOUCH_ENFORCED]: 'zero-touch-enforced',
  [Mode.DISABLED]: 'disabled',
  [Mode.TOKEN_ENROLLMENT_ENFORCED]: 'token-enrollment-enforced',
};

export interface DetermineOptions extends DmCallOptions {
  initialPower?: number;
  powerLimit?: number;
}

function invalid(problem: string): DmError {
  return new DmError('invalid-response', `enterprise_check: ${problem}`, { requestType: 'enterprise_check' });
}

/** Step 1: is the device's hash in the server's set? Never sends the serial number. */
export async function isInForcedEnrollmentSet(
  client: DmClient,
  device: { serialNumber: string; brandCode: string },
  options: DetermineOptions = {},
): Promise<boolean> {
  const hash = forcedEnrollmentHash(device.brandCode, device.serialNumber);
  const limit = Math.min(options.powerLimit ?? MODULUS_POWER_LIMIT, MAX_MODULUS_POWER);
  let power = options.initialPower ?? INITIAL_MODULUS_POWER;
  const call = options.signal ? { signal: options.signal } : {};
  // At most two rounds: the first, and one more if the server asks for another modulus.
  for (let round = 0; round < 2; round++) {
    const answer = await client.enterpriseCheck(
      { remainder: hashRemainder(hash, power), modulus: 1n << BigInt(power) },
      call,
    );
    if (isFieldSet(answer, DeviceAutoEnrollmentResponseSchema.field.expectedModulus)) {
      if (round === 1) throw invalid('the server asked for another modulus twice');
      const next = modulusPower(answer.expectedModulus);
      if (next === null || next > limit) {
        throw invalid(`expected_modulus ${answer.expectedModulus} is not a power of two up to 2^${limit}`);
      }
      power = next;
      continue;
    }
    return answer.hashes.some((h) => sameHash(h, hash));
  }
  throw invalid('unreachable');
}

export function enrollmentStateOf(
  initial: DeviceInitialEnrollmentStateResponse | undefined,
  fallbackDomain: string,
): EnrollmentState {
  const domain = initial?.managementDomain || fallbackDomain;
  const fields = DeviceInitialEnrollmentStateResponseSchema.field;
  const has = (key: 'isLicensePackagedWithDevice' | 'licensePackagingSku' | 'assignedUpgradeType') =>
    initial !== undefined && isFieldSet(initial, fields[key]);
  return {
    source: 'state-retrieval',
    mode: initial === undefined ? 'none' : (MODES[initial.initialEnrollmentMode] ?? 'none'),
    managementDomain: domain === '' ? null : domain,
    orgUnitPath: initial?.orgUnitPath ? initial.orgUnitPath : null,
    licensePackaged: has('isLicensePackagedWithDevice')
      ? (initial?.isLicensePackagedWithDevice ?? null)
      : null,
    licensePackagingSku: has('licensePackagingSku')
      ? (DeviceInitialEnrollmentStateResponse_LicensePackagingSKU[initial?.licensePackagingSku ?? 0] ?? null)
      : null,
    assignedUpgradeType: has('assignedUpgradeType')
      ? (DeviceInitialEnrollmentStateResponse_AssignedUpgradeType[initial?.assignedUpgradeType ?? 0] ?? null)
      : null,
    disabledMessage: initial?.disabledState?.message ? initial.disabledState.message : null,
  };
}

/** The whole determination: the hash dance, then device_state_retrieval for a member. */
export async function determineEnrollmentState(
  client: DmClient,
  device: { serialNumber: string; brandCode: string },
  options: DetermineOptions = {},
): Promise<EnrollmentState> {
  if (!(await isInForcedEnrollmentSet(client, device, options))) {
    return {
      source: 'hash-not-in-set',
      mode: 'none',
      managementDomain: null,
      orgUnitPath: null,
      licensePackaged: null,
      licensePackagingSku: null,
      assignedUpgradeType: null,
      disabledMessage: null,
    };
  }
  const retrieval = await client.deviceStateRetrieval(
    device,
    options.signal ? { signal: options.signal } : {},
  );
  return enrollmentStateOf(retrieval.initialStateResponse, retrieval.managementDomain);
}
