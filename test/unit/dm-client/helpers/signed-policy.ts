// Signed device policy as a DM server makes it (DESIGN §5 "Policy is signed"), for the agent's tests:
// RSA keys, PolicyData with ChromeDeviceSettingsProto, signatures over the exact bytes.

import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { create, type MessageInitShape, toBinary } from '@bufbuild/protobuf';
import {
  CHROME_DEVICE_POLICY_TYPE,
  ChromeDeviceSettingsProtoSchema,
  PolicyDataSchema,
  PolicyFetchRequest_SignatureType,
  type PolicyFetchResponse,
  PolicyFetchResponseSchema,
} from '../../../../protocol/dm.ts';

export interface PolicyKey {
  privateKey: KeyObject;
  spki: Uint8Array;
}

export function policyKey(): PolicyKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, spki: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })) };
}

export function rsaSign(key: PolicyKey, data: Uint8Array): Uint8Array {
  return new Uint8Array(sign('sha256', data, key.privateKey));
}

export interface SignedPolicyOptions {
  key: PolicyKey;
  dmToken: string;
  deviceId: string;
  policyType?: string;
  managedBy?: string;
  timestampMs?: bigint;
  publicKeyVersion?: number;
  /** Sent as new_public_key (default the signing key's, as on a first fetch). */
  newPublicKey?: Uint8Array | null;
  newPublicKeySignature?: Uint8Array;
  settings?: MessageInitShape<typeof ChromeDeviceSettingsProtoSchema>;
  /** Sign these bytes instead of policy_data (a forged answer). */
  signOver?: Uint8Array;
}

export function signedPolicy(o: SignedPolicyOptions): PolicyFetchResponse {
  const policyValue = toBinary(
    ChromeDeviceSettingsProtoSchema,
    create(ChromeDeviceSettingsProtoSchema, o.settings ?? { guestModeEnabled: { guestModeEnabled: false } }),
  );
  const policyData = toBinary(
    PolicyDataSchema,
    create(PolicyDataSchema, {
      policyType: o.policyType ?? CHROME_DEVICE_POLICY_TYPE,
      timestamp: o.timestampMs ?? 1_764_662_400_000n,
      requestToken: o.dmToken,
      deviceId: o.deviceId,
      managedBy: o.managedBy ?? 'demo.example',
      policyValue,
      ...(o.publicKeyVersion !== undefined ? { publicKeyVersion: o.publicKeyVersion } : {}),
    }),
  );
  const newKey = o.newPublicKey === undefined ? o.key.spki : o.newPublicKey;
  return create(PolicyFetchResponseSchema, {
    policyData,
    policyDataSignature: rsaSign(o.key, o.signOver ?? policyData),
    policyDataSignatureType: PolicyFetchRequest_SignatureType.SHA256_RSA,
    ...(newKey !== null ? { newPublicKey: newKey } : {}),
    ...(o.newPublicKeySignature !== undefined ? { newPublicKeySignature: o.newPublicKeySignature } : {}),
  });
}
