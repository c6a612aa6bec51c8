// request=policy: the device's signed policy (DESIGN §5). `Authorization: GoogleDMToken token=…`;
// body policy_request{requests: [PolicyFetchRequest{policy_type "google/chromeos/device",
// signature_type SHA256_RSA (or unset), public_key_version?}]}. Each answer is a PolicyFetchResponse:
//   policy_data               serialized PolicyData{policy_type, timestamp (ms, stub clock),
//                             request_token (the DM token used), device_id (the `deviceid` parameter),
//                             managed_by (customer domain), machine_name, public_key_version, state
//                             ACTIVE, management_mode ENTERPRISE_MANAGED, policy_value (serialized
//                             ChromeDeviceSettingsProto: the customer's device settings), org_unit_path}
//   policy_data_signature     RSA PKCS#1 v1.5 SHA-256 over policy_data by the current policy key
//   new_public_key            that key, DER SubjectPublicKeyInfo (always sent)
//   new_public_key_signature  the new key signed by the key of the client's public_key_version, when
//                             the client reports an older version the stub still has (else empty)
//   policy_data_signature_type SHA256_RSA
// Refused as a whole (400): no PolicyFetchRequest, more than MAX_POLICY_FETCH_REQUESTS, a policy_type
// other than google/chromeos/device, signature_type SHA1_RSA.

import { sign } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import {
  PolicyData_AssociationState as AssociationState,
  CHROME_DEVICE_POLICY_TYPE,
  ChromeDeviceSettingsProtoSchema,
  type DevicePolicyRequest,
  type DevicePolicyResponse,
  DevicePolicyResponseSchema,
  PolicyData_ManagementMode as ManagementMode,
  PolicyDataSchema,
  type PolicyFetchResponse,
  PolicyFetchResponseSchema,
  PolicyFetchRequest_SignatureType as SignatureType,
} from '../../protocol/dm.ts';
import type { DeviceSettings } from '../db/device-settings.ts';
import type { PolicyKey } from '../db/policy-keys.ts';
import { DmError } from '../http/errors.ts';
import type { DmCall } from './call.ts';
import { authenticateDmToken } from './dm-token.ts';
import { MAX_POLICY_FETCH_REQUESTS } from './schemas.ts';

/** RSA PKCS#1 v1.5 with SHA-256 (node:crypto's default padding for RSA keys). */
export function signSha256Rsa(key: PolicyKey, data: Uint8Array): Uint8Array {
  return new Uint8Array(sign('sha256', data, key.privateKey));
}

export function settingsProto(s: DeviceSettings): Uint8Array {
  return toBinary(
    ChromeDeviceSettingsProtoSchema,
    create(ChromeDeviceSettingsProtoSchema, {
      devicePolicyRefreshRate: { devicePolicyRefreshRate: BigInt(s.device_policy_refresh_rate_ms) },
      guestModeEnabled: { guestModeEnabled: s.guest_mode_enabled },
      showUserNames: { showUserNames: s.show_user_names },
      allowNewUsers: { allowNewUsers: s.allow_new_users },
      ephemeralUsersEnabled: { ephemeralUsersEnabled: s.ephemeral_users_enabled },
      userAllowlist: { userAllowlist: s.user_allowlist },
    }),
  );
}

export async function fetchPolicy(call: DmCall, req: DevicePolicyRequest): Promise<DevicePolicyResponse> {
  const { ctx } = call;
  const { raw, device } = authenticateDmToken(call);
  if (req.requests.length === 0)
    throw new DmError(400, 'policy_request.requests must hold one PolicyFetchRequest');
  if (req.requests.length > MAX_POLICY_FETCH_REQUESTS) {
    throw new DmError(
      400,
      `policy_request.requests holds more than ${MAX_POLICY_FETCH_REQUESTS} PolicyFetchRequests`,
    );
  }
  req.requests.forEach((r, i) => {
    if (r.policyType !== CHROME_DEVICE_POLICY_TYPE) {
      throw new DmError(
        400,
        `policy_request.requests[${i}].policy_type ${JSON.stringify(r.policyType)} is not served (only ${CHROME_DEVICE_POLICY_TYPE})`,
      );
    }
    if (r.signatureType === SignatureType.SHA1_RSA) {
      throw new DmError(
        400,
        `policy_request.requests[${i}].signature_type must be SHA256_RSA (SHA1_RSA is not served)`,
      );
    }
  });
  const customer = ctx.stores.customers.get(device.customer_id);
  if (customer === undefined) throw new Error(`device ${device.device_id} refers to a missing customer`);
  const key = await ctx.stores.policyKeys.current();
  const policyValue = settingsProto(ctx.stores.deviceSettings.get(customer.customer_id, customer.domain));
  const timestamp = BigInt(ctx.clock.now().getTime());

  const responses = req.requests.map((r): PolicyFetchResponse => {
    const policyData = toBinary(
      PolicyDataSchema,
      create(PolicyDataSchema, {
        policyType: CHROME_DEVICE_POLICY_TYPE,
        timestamp,
        requestToken: raw,
        policyValue,
        machineName: device.serial_number,
        publicKeyVersion: key.version,
        deviceId: call.query.deviceid,
        state: AssociationState.ACTIVE,
        managementMode: ManagementMode.ENTERPRISE_MANAGED,
        managedBy: customer.domain,
        orgUnitPath: device.org_unit_path,
      }),
    );
    const older =
      r.publicKeyVersion > 0 && r.publicKeyVersion < key.version
        ? ctx.stores.policyKeys.get(r.publicKeyVersion)
        : undefined;
    return create(PolicyFetchResponseSchema, {
      policyData,
      policyDataSignature: signSha256Rsa(key, policyData),
      newPublicKey: key.publicKeyDer,
      ...(older === undefined ? {} : { newPublicKeySignature: signSha256Rsa(older, key.publicKeyDer) }),
      policyDataSignatureType: SignatureType.SHA256_RSA,
    });
  });
  return create(DevicePolicyResponseSchema, { responses });
}
