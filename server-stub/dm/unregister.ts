// request=unregister: the device leaves management. Its licence is freed (a bundled one stays with the
// device); a zero-touch device goes back to PRE_PROVISIONED (so it can enroll again), a device that was
// enrolled without pre-provisioning is forgotten. Its DM tokens are revoked.

import { create } from '@bufbuild/protobuf';
import { type DeviceUnregisterResponse, DeviceUnregisterResponseSchema } from '../../protocol/dm.ts';
import { nowIso } from '../context.ts';
import type { DmCall } from './call.ts';
import { authenticateDmToken } from './dm-token.ts';

export function unregister(call: DmCall): DeviceUnregisterResponse {
  const { ctx } = call;
  const run = ctx.stores.db.transaction(() => {
    const { device } = authenticateDmToken(call);
    const at = nowIso(ctx);
    ctx.stores.dmTokens.revokeAllFor(device.device_id, 'UNREGISTERED', at);
    if (device.preprovisioning_token !== null || device.partner_id !== null) {
      ctx.stores.devices.releaseToPreprovisioned(device.device_id, at);
    } else {
      ctx.stores.devices.delete(device.device_id);
    }
    return create(DeviceUnregisterResponseSchema, {});
  });
  return run.immediate();
}
