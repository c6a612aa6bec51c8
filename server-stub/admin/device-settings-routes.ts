// Admin API, device settings sent in signed DM policy (server-stub/dm/policy.ts), and disabling a
// device (device_initial_enrollment_state then answers INITIAL_ENROLLMENT_MODE_DISABLED):
//   GET   /v1/customers/:cid/device-settings          → DeviceSettings
//   PATCH /v1/customers/:cid/device-settings {any of DeviceSettings' fields} → DeviceSettings
//   POST  /v1/customers/:cid/devices/:device_id/disable {message?} → {device_id, disabled: true, message}
//   POST  /v1/customers/:cid/devices/:device_id/enable            → {device_id, disabled: false}

import type { FastifyInstance } from 'fastify';
import { nowIso, type StubContext } from '../context.ts';
import {
  type DeviceSettings,
  MAX_ALLOWLIST,
  MAX_REFRESH_RATE_MS,
  MIN_REFRESH_RATE_MS,
} from '../db/device-settings.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { ADMIN_BODY_LIMIT, cidParams, deviceParams } from './schemas.ts';

const settingsBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    guest_mode_enabled: { type: 'boolean' },
    show_user_names: { type: 'boolean' },
    allow_new_users: { type: 'boolean' },
    ephemeral_users_enabled: { type: 'boolean' },
    user_allowlist: {
      type: 'array',
      maxItems: MAX_ALLOWLIST,
      items: { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^\\s@]*@[^\\s@]+$' },
    },
    device_policy_refresh_rate_ms: {
      type: 'integer',
      minimum: MIN_REFRESH_RATE_MS,
      maximum: MAX_REFRESH_RATE_MS,
    },
  },
} as const;

/** The message a disabled device shows (ChromeOS shows it on its "device disabled" screen). */
const disableBody = {
  type: 'object',
  additionalProperties: false,
  properties: { message: { type: 'string', minLength: 1, maxLength: 512 } },
} as const;

export const DEFAULT_DISABLED_MESSAGE = 'This device has been disabled by its administrator.';

export function registerDeviceSettingsRoutes(app: FastifyInstance, ctx: StubContext): void {
  const { customers, deviceSettings, devices, db } = ctx.stores;

  const domainOf = (cid: string): string => {
    const c = customers.get(cid);
    if (c === undefined) throw notFound(`no customer ${cid}`);
    return c.domain;
  };

  app.get<{ Params: { cid: string } }>(
    '/v1/customers/:cid/device-settings',
    { schema: { params: cidParams } },
    async (request) => deviceSettings.get(request.params.cid, domainOf(request.params.cid)),
  );

  app.patch<{ Params: { cid: string }; Body: Partial<DeviceSettings> }>(
    '/v1/customers/:cid/device-settings',
    { schema: { params: cidParams, body: settingsBody }, bodyLimit: ADMIN_BODY_LIMIT },
    async (request) => {
      const { cid } = request.params;
      return db
        .transaction((): DeviceSettings => {
          const next = { ...deviceSettings.get(cid, domainOf(cid)), ...request.body };
          deviceSettings.put(cid, next, nowIso(ctx));
          return next;
        })
        .immediate();
    },
  );

  const setDisabled = (cid: string, deviceId: string, message: string | null): void => {
    db.transaction(() => {
      const d = devices.get(deviceId);
      if (d === undefined || d.customer_id !== cid)
        throw notFound(`customer ${cid} has no device ${deviceId}`);
      if (d.status === 'DEPROVISIONED')
        throw new ApiError(409, 'CONFLICT', 'a deprovisioned device cannot be disabled or enabled');
      devices.setDisabled(deviceId, message, nowIso(ctx));
    }).immediate();
  };

  app.post<{ Params: { cid: string; device_id: string }; Body: { message?: string } | undefined }>(
    '/v1/customers/:cid/devices/:device_id/disable',
    { schema: { params: deviceParams, body: disableBody }, bodyLimit: ADMIN_BODY_LIMIT },
    async (request) => {
      const message = request.body?.message ?? DEFAULT_DISABLED_MESSAGE;
      setDisabled(request.params.cid, request.params.device_id, message);
      return { device_id: request.params.device_id, disabled: true, message };
    },
  );

  app.post<{ Params: { cid: string; device_id: string } }>(
    '/v1/customers/:cid/devices/:device_id/enable',
    { schema: { params: deviceParams }, bodyLimit: ADMIN_BODY_LIMIT },
    async (request) => {
      setDisabled(request.params.cid, request.params.device_id, null);
      return { device_id: request.params.device_id, disabled: false };
    },
  );
}
