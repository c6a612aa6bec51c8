// `Authorization: GoogleDMToken token=<dm token>` for policy and unregister:
//   401 absent, unknown, superseded (re-register/unregister) or issued to another deviceid;
//   903 the device was deprovisioned by its admin.

import type { DeviceRow, DmTokenRow } from '../db/rows.ts';
import { sha256Hex } from '../db/secrets.ts';
import { schemeParam } from '../http/auth-header.ts';
import { DmError } from '../http/errors.ts';
import type { DmCall } from './call.ts';

export interface DmPrincipal {
  /** The token as the device sent it (echoed in PolicyData.request_token). */
  raw: string;
  token: DmTokenRow;
  device: DeviceRow;
}

export function authenticateDmToken(call: DmCall): DmPrincipal {
  const { ctx, request } = call;
  const raw = schemeParam(request.headers.authorization, 'GoogleDMToken', 'token');
  if (raw === null) throw new DmError(401, 'Authorization: GoogleDMToken token=<dm token> is required');
  const token = ctx.stores.dmTokens.get(sha256Hex(raw));
  if (token === undefined) throw new DmError(401, 'the DM token is unknown');
  if (token.revoked_reason === 'DEPROVISIONED') {
    throw new DmError(903, `device ${token.device_id} was deprovisioned by its administrator`);
  }
  if (token.revoked_at !== null) throw new DmError(401, 'the DM token is no longer valid');
  if (token.client_id !== call.query.deviceid)
    throw new DmError(401, 'the DM token was issued to another deviceid');
  const device = ctx.stores.devices.get(token.device_id);
  if (device === undefined || device.status !== 'MANAGED')
    throw new DmError(401, 'the DM token is no longer valid');
  return { raw, token, device };
}
