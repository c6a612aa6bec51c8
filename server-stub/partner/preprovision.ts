// The business rules of a partner upload, applied in one transaction. Request-level problems
// (unknown customer, unknown/revoked/foreign token) and device-level ones (bad identity, duplicate,
// already managed, claimed by another customer) are reported per device; nothing else is written.

import { BRAND_CODE_PATTERN, catalogBrandCode } from '../../protocol/brand-code.ts';
import type { PreprovisionRequest } from '../../protocol/partner.ts';
import type { StubContext } from '../context.ts';
import { nowIso } from '../context.ts';
import type { PartnerRow } from '../db/rows.ts';
import { modelKey } from '../db/rows.ts';
import { checkIdentity } from '../rules/identity.ts';
import { packagingOf } from '../rules/licences.ts';

export type PreprovisionErrorCode =
  | 'CUSTOMER_NOT_FOUND'
  | 'TOKEN_NOT_FOUND'
  | 'TOKEN_REVOKED'
  | 'TOKEN_CUSTOMER_MISMATCH'
  | 'DUPLICATE_DEVICE'
  | 'DEVICE_ALREADY_MANAGED'
  | 'DEVICE_CLAIMED_BY_OTHER_CUSTOMER'
  | 'INVALID_ID_KIND'
  | 'INVALID_DEVICE_ID'
  | 'INVALID_SERIAL_NUMBER'
  | 'SERIAL_INCOMPLETE'
  | 'IDENTITY_MISMATCH'
  | 'LICENSE_PACKAGING_MISMATCH'
  | 'INVALID_BRAND_CODE';

export type PreprovisionResult =
  | { device_id: string; status: 'PRE_PROVISIONED' }
  | { device_id: string; status: 'ERROR'; error_code: PreprovisionErrorCode; error_message: string };

interface Problem {
  code: PreprovisionErrorCode;
  message: string;
}

function requestProblem(ctx: StubContext, req: PreprovisionRequest): Problem | null {
  const customer = ctx.stores.customers.get(req.customer_id);
  if (customer === undefined)
    return { code: 'CUSTOMER_NOT_FOUND', message: `no customer ${req.customer_id}` };
  const token = ctx.stores.preprovisioningTokens.get(req.pre_provisioning_token);
  if (token === undefined)
    return { code: 'TOKEN_NOT_FOUND', message: 'the pre-provisioning token is unknown' };
  if (token.customer_id !== req.customer_id) {
    return {
      code: 'TOKEN_CUSTOMER_MISMATCH',
      message: `the pre-provisioning token does not belong to ${req.customer_id}`,
    };
  }
  if (token.state === 'REVOKED')
    return { code: 'TOKEN_REVOKED', message: 'the pre-provisioning token was revoked' };
  return null;
}

export function preprovision(
  ctx: StubContext,
  partner: PartnerRow,
  req: PreprovisionRequest,
): PreprovisionResult[] {
  const run = ctx.stores.db.transaction((): PreprovisionResult[] => {
    const at = nowIso(ctx);
    const shared = requestProblem(ctx, req);
    const token = ctx.stores.preprovisioningTokens.get(req.pre_provisioning_token);
    const seen = new Set<string>();
    return req.devices.map((d): PreprovisionResult => {
      const err = (p: Problem): PreprovisionResult => ({
        device_id: d.device_id,
        status: 'ERROR',
        error_code: p.code,
        error_message: p.message,
      });
      if (shared !== null || token === undefined)
        return err(shared ?? { code: 'TOKEN_NOT_FOUND', message: 'unknown token' });
      if (seen.has(d.device_id))
        return err({ code: 'DUPLICATE_DEVICE', message: 'this device_id appears twice in the request' });
      seen.add(d.device_id);
      const identity = checkIdentity(d);
      if (identity !== null) return err(identity);
      if (d.brand_code !== undefined && !BRAND_CODE_PATTERN.test(d.brand_code)) {
        return err({
          code: 'INVALID_BRAND_CODE',
          message: `brand_code ${JSON.stringify(d.brand_code)} is not 4 upper-case letters (RLZ brand code)`,
        });
      }
      const packaging = packagingOf(d);
      if (!packaging.ok) return err({ code: 'LICENSE_PACKAGING_MISMATCH', message: packaging.message });
      const existing = ctx.stores.devices.get(d.device_id);
      if (existing?.status === 'MANAGED') {
        return err({ code: 'DEVICE_ALREADY_MANAGED', message: 'the device is already enrolled (MANAGED)' });
      }
      if (existing?.status === 'PRE_PROVISIONED' && existing.customer_id !== req.customer_id) {
        return err({
          code: 'DEVICE_CLAIMED_BY_OTHER_CUSTOMER',
          message: 'the device is pre-provisioned for another customer',
        });
      }
      ctx.stores.devices.upsertPreprovisioned(
        {
          device_id: d.device_id,
          customer_id: req.customer_id,
          id_kind: d.id_kind,
          serial_number: d.serial_number,
          manufacturer: d.manufacturer,
          model: d.model,
          model_key: modelKey(d.model),
          org_unit_path: token.org_unit_path,
          bundled_license: packaging.bundled_license,
          packaged_sku: packaging.packaged_sku,
          preprovisioning_token: token.token,
          partner_id: partner.partner_id,
          brand_code: d.brand_code ?? catalogBrandCode(d.model),
        },
        at,
      );
      return { device_id: d.device_id, status: 'PRE_PROVISIONED' };
    });
  });
  return run.immediate();
}
