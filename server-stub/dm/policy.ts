// request=policy: the device's policy for its org unit (a fixed, documented set of settings).

import type { FastifyRequest } from 'fastify';
import type { PolicyFetchResponse } from '../../protocol/dm.ts';
import type { StubContext } from '../context.ts';
import { authenticateDmToken } from './dm-token.ts';

export const DEFAULT_POLICY_TYPE = 'google/chromeos/device';

export function fetchPolicy(
  ctx: StubContext,
  request: FastifyRequest,
  clientId: string,
  policyType: string | undefined,
): PolicyFetchResponse {
  const { device } = authenticateDmToken(ctx, request, clientId);
  const customer = ctx.stores.customers.get(device.customer_id);
  const domain = customer?.domain ?? '';
  return {
    policy_type: policyType ?? DEFAULT_POLICY_TYPE,
    management_domain: domain,
    org_unit_path: device.org_unit_path,
    policy_value: {
      device_id: device.device_id,
      enrollment_type: device.enrollment_type,
      license: device.bundled_license === 1 ? 'BUNDLED' : 'CHROME_ENTERPRISE_UPGRADE',
      DeviceAllowNewUsers: true,
      DeviceGuestModeEnabled: false,
      DeviceShowUserNamesOnSignin: true,
      DeviceUserAllowlist: [`*@${domain}`],
    },
    timestamp: ctx.clock.now().getTime(),
  };
}
