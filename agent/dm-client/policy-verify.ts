// Verification of a signed device policy (DESIGN §5 "Policy is signed", §6), as Chromium's
// CloudPolicyValidator does it for the device policy:
//  - the signing key: on the first fetch (nothing pinned) the answer's `new_public_key` (DER
//    SubjectPublicKeyInfo, RSA), which is then pinned; afterwards the pinned key, or a new key the
//    answer carries only when `new_public_key_signature` verifies over it with the pinned key;
//  - `policy_data_signature`: RSA PKCS#1 v1.5 with SHA-256 over the serialized PolicyData, by the
//    signing key;
//  - PolicyData's `policy_type`, `request_token` (the DM token sent) and `device_id` (the `deviceid`
//    sent) must be this request's.
// Anything else is a DmError `policy-invalid`. `policy_value` is decoded as ChromeDeviceSettingsProto
// and kept as its canonical JSON (original field names) for diagnostics.

import { constants, createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';
import { fromBinary, isFieldSet, type JsonObject, toJson } from '@bufbuild/protobuf';
import {
  ChromeDeviceSettingsProtoSchema,
  PolicyDataSchema,
  PolicyFetchRequest_SignatureType,
  type PolicyFetchResponse,
} from '../../protocol/dm.ts';
import { DmError } from './errors.ts';

/** The policy key the device trusts: DER SubjectPublicKeyInfo (base64) and its version, if told. */
export interface PolicyKeyPin {
  spki: string;
  version: number | null;
}

export interface VerifiedPolicy {
  /** The key to pin from now on (the pinned one, or the new one it signed). */
  pin: PolicyKeyPin;
  /** SHA-256 of the pinned key's DER SPKI, lower-case hex. */
  keyFingerprint: string;
  /** `first-pin` on the first fetch, `rotated` when a new key signed by the pinned one was accepted. */
  keyChange: 'first-pin' | 'rotated' | 'none';
  /** PolicyData.timestamp as ISO 8601, null when absent. */
  timestamp: string | null;
  /** PolicyData.managed_by: the customer's domain. */
  managedBy: string | null;
  /** PolicyData.org_unit_path (ours), null when absent. */
  orgUnitPath: string | null;
  /** The ChromeDeviceSettingsProto received, as canonical JSON with the proto's field names. */
  settings: JsonObject;
}

export interface PolicyExpectations {
  pinned: PolicyKeyPin | null;
  dmToken: string;
  deviceId: string;
  policyType: string;
}

function invalid(problem: string, cause?: unknown): DmError {
  return new DmError('policy-invalid', `policy: refused: ${problem}`, {
    requestType: 'policy',
    ...(cause === undefined ? {} : { cause }),
  });
}

/** An RSA public key from DER SPKI bytes, or a `policy-invalid` error naming `what`. */
function rsaKey(der: Uint8Array, what: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
  } catch (e) {
    throw invalid(`${what} is not a DER SubjectPublicKeyInfo`, e);
  }
  if (key.asymmetricKeyType !== 'rsa') throw invalid(`${what} is not an RSA key`);
  return key;
}

function rsaSha256Verifies(key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length === 0) return false;
  try {
    return verify('sha256', data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
}

export function keyFingerprint(spkiDer: Uint8Array): string {
  return createHash('sha256').update(spkiDer).digest('hex');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/** Verifies one PolicyFetchResponse; throws a DmError `policy-invalid` when it must be refused. */
export function verifyPolicy(response: PolicyFetchResponse, expected: PolicyExpectations): VerifiedPolicy {
  if (response.errorCode !== 0) {
    throw invalid(
      `the server reported error ${response.errorCode}${response.errorMessage ? ` (${response.errorMessage.slice(0, 200)})` : ''}`,
    );
  }
  if (response.policyData.length === 0) throw invalid('no policy_data');
  if (
    response.policyDataSignatureType !== PolicyFetchRequest_SignatureType.SHA256_RSA &&
    response.policyDataSignatureType !== PolicyFetchRequest_SignatureType.NONE
  ) {
    throw invalid('policy_data_signature_type is not SHA256_RSA');
  }

  // Which key signs policy_data, and which key is pinned afterwards.
  const pinnedDer = expected.pinned === null ? null : Buffer.from(expected.pinned.spki, 'base64');
  const newDer = response.newPublicKey.length > 0 ? response.newPublicKey : null;
  let signingDer: Uint8Array;
  let keyChange: VerifiedPolicy['keyChange'];
  if (pinnedDer === null) {
    if (newDer === null) throw invalid('no key is pinned and the answer carries no new_public_key');
    signingDer = newDer;
    keyChange = 'first-pin';
  } else if (newDer === null || sameBytes(newDer, pinnedDer)) {
    signingDer = pinnedDer;
    keyChange = 'none';
  } else {
    // A rotation: the pinned key must vouch for the new one.
    const pinnedKey = rsaKey(pinnedDer, 'the pinned key');
    rsaKey(newDer, 'new_public_key');
    if (!rsaSha256Verifies(pinnedKey, newDer, response.newPublicKeySignature)) {
      throw invalid('new_public_key is not signed by the pinned key');
    }
    signingDer = newDer;
    keyChange = 'rotated';
  }
  const signingKey = rsaKey(signingDer, keyChange === 'none' ? 'the pinned key' : 'new_public_key');
  if (!rsaSha256Verifies(signingKey, response.policyData, response.policyDataSignature)) {
    throw invalid('policy_data_signature does not verify');
  }

  let data: ReturnType<typeof fromBinary<typeof PolicyDataSchema>>;
  try {
    data = fromBinary(PolicyDataSchema, response.policyData, { readUnknownFields: false });
  } catch (e) {
    throw invalid('policy_data is not a PolicyData', e);
  }
  if (data.policyType !== expected.policyType) {
    throw invalid(`policy_type is "${data.policyType.slice(0, 100)}", not "${expected.policyType}"`);
  }
  if (data.requestToken !== expected.dmToken) throw invalid('request_token is not this device’s DM token');
  if (data.deviceId !== expected.deviceId) throw invalid('device_id is not this device’s deviceid');

  let settings: JsonObject;
  try {
    const decoded = fromBinary(ChromeDeviceSettingsProtoSchema, data.policyValue, {
      readUnknownFields: false,
    });
    settings = toJson(ChromeDeviceSettingsProtoSchema, decoded, { useProtoFieldName: true }) as JsonObject;
  } catch (e) {
    throw invalid('policy_value is not a ChromeDeviceSettingsProto', e);
  }

  // The version the server gives the signing key; the pinned one's when it says nothing of an unchanged key.
  const version = isFieldSet(data, PolicyDataSchema.field.publicKeyVersion)
    ? data.publicKeyVersion
    : keyChange === 'none'
      ? (expected.pinned?.version ?? null)
      : null;
  const timestampMs = Number(data.timestamp);
  return {
    pin: { spki: Buffer.from(signingDer).toString('base64'), version },
    keyFingerprint: keyFingerprint(signingDer),
    keyChange,
    timestamp:
      timestampMs > 0 && Number.isSafeInteger(timestampMs) ? new Date(timestampMs).toISOString() : null,
    managedBy: data.managedBy === '' ? null : data.managedBy,
    orgUnitPath: data.orgUnitPath === '' ? null : data.orgUnitPath,
    settings,
  };
}
