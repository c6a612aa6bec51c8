// The admin API under /v1/customers/{cid}: every route needs `Authorization: Bearer <admin token>` of an
// admin of that customer (checked before the body is validated).

import type { FastifyInstance } from 'fastify';
import { adminGuard } from '../auth/guards.ts';
import type { StubContext } from '../context.ts';
import { registerDeviceSettingsRoutes } from './device-settings-routes.ts';
import { registerDeviceRoutes } from './devices-routes.ts';
import { registerLicenseRoutes } from './licenses-routes.ts';
import { registerTokenRoutes } from './tokens-routes.ts';

export async function adminPlugin(app: FastifyInstance, ctx: StubContext): Promise<void> {
  app.addHook('preValidation', adminGuard(ctx));
  registerTokenRoutes(app, ctx);
  registerDeviceRoutes(app, ctx);
  registerLicenseRoutes(app, ctx);
  registerDeviceSettingsRoutes(app, ctx);
}
