// Admin API, devices:
//   GET    /v1/customers/:cid/devices?status=PRE_PROVISIONED|MANAGED|DEPROVISIONED → {devices: [DeviceView]}
//   GET    /v1/customers/:cid/devices/:device_id                → DeviceView
//   PATCH  /v1/customers/:cid/devices/:device_id {org_unit_path} → DeviceView
//   DELETE /v1/customers/:cid/devices/:device_id                → {device_id, status: 'DELETED'} (PRE_PROVISIONED only, else 409)
//   POST   /v1/customers/:cid/devices/:device_id/deprovision    → DeviceView (MANAGED only, else 409)

import type { FastifyInstance } from 'fastify';
import { nowIso, type StubContext } from '../context.ts';
import type { DeviceRow, DeviceStatus } from '../db/rows.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { requireOrgUnit } from './org-unit.ts';
import { ADMIN_BODY_LIMIT, cidParams, deviceParams, devicesQuery, orgUnitBody } from './schemas.ts';
import { deviceView } from './views.ts';

interface Cid {
  cid: string;
}
interface CidDevice extends Cid {
  device_id: string;
}

function ownDevice(ctx: StubContext, cid: string, deviceId: string): DeviceRow {
  const d = ctx.stores.devices.get(deviceId);
  if (d === undefined || d.customer_id !== cid) throw notFound(`customer ${cid} has no device ${deviceId}`);
  return d;
}

function reread(ctx: StubContext, deviceId: string): DeviceRow {
  const d = ctx.stores.devices.get(deviceId);
  if (d === undefined) throw new Error(`device ${deviceId} vanished`);
  return d;
}

export function registerDeviceRoutes(app: FastifyInstance, ctx: StubContext): void {
  const { devices, dmTokens, db } = ctx.stores;

  app.get<{ Params: Cid; Querystring: { status?: DeviceStatus } }>(
    '/v1/customers/:cid/devices',
    { schema: { params: cidParams, querystring: devicesQuery } },
    async (request) => ({ devices: devices.list(request.params.cid, request.query.status).map(deviceView) }),
  );

  app.get<{ Params: CidDevice }>(
    '/v1/customers/:cid/devices/:device_id',
    { schema: { params: deviceParams } },
    async (request) => deviceView(ownDevice(ctx, request.params.cid, request.params.device_id)),
  );

  app.patch<{ Params: CidDevice; Body: { org_unit_path: string } }>(
    '/v1/customers/:cid/devices/:device_id',
    { schema: { params: deviceParams, body: orgUnitBody }, bodyLimit: ADMIN_BODY_LIMIT },
    async (request) => {
      const { cid, device_id } = request.params;
      const run = db.transaction(() => {
        const d = ownDevice(ctx, cid, device_id);
        if (d.status === 'DEPROVISIONED') {
          throw new ApiError(409, 'CONFLICT', 'a deprovisioned device cannot be moved');
        }
        devices.setOrgUnit(device_id, requireOrgUnit(ctx, cid, request.body.org_unit_path), nowIso(ctx));
        return deviceView(reread(ctx, device_id));
      });
      return run.immediate();
    },
  );

  app.delete<{ Params: CidDevice }>(
    '/v1/customers/:cid/devices/:device_id',
    { schema: { params: deviceParams }, bodyLimit: ADMIN_BODY_LIMIT },
    async (request) => {
      const { cid, device_id } = request.params;
      const run = db.transaction(() => {
        const d = ownDevice(ctx, cid, device_id);
        if (d.status !== 'PRE_PROVISIONED') {
          throw new ApiError(
            409,
            'DEVICE_NOT_PRE_PROVISIONED',
            `only PRE_PROVISIONED devices can be deleted (this one is ${d.status})`,
          );
        }
        devices.delete(device_id);
        return { device_id, status: 'DELETED' as const };
      });
      return run.immediate();
    },
  );

  app.post<{ Params: CidDevice }>(
    '/v1/customers/:cid/devices/:device_id/deprovision',
    { schema: { params: deviceParams }, bodyLimit: ADMIN_BODY_LIMIT },
    async (request) => {
      const { cid, device_id } = request.params;
      const run = db.transaction(() => {
        const d = ownDevice(ctx, cid, device_id);
        if (d.status !== 'MANAGED') {
          throw new ApiError(
            409,
            'DEVICE_NOT_MANAGED',
            `only MANAGED devices can be deprovisioned (this one is ${d.status})`,
          );
        }
        const at = nowIso(ctx);
        devices.deprovision(device_id, at);
        dmTokens.revokeAllFor(device_id, 'DEPROVISIONED', at);
        return deviceView(reread(ctx, device_id));
      });
      return run.immediate();
    },
  );
}
