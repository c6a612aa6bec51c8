// Partner API: POST /v1/partner/devices:preprovision, and GET /v1/partners (the authorised list).

import type { FastifyInstance } from 'fastify';
import type { PreprovisionRequest } from '../../protocol/partner.ts';
import { partnerGuard } from '../auth/guards.ts';
import type { StubContext } from '../context.ts';
import { ApiError } from '../http/errors.ts';
import { PACKAGED_SKUS } from '../rules/licences.ts';
import { preprovision } from './preprovision.ts';

/** At most this many devices per upload. */
export const MAX_DEVICES_PER_UPLOAD = 1000;

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;

const preprovisionSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['customer_id', 'pre_provisioning_token', 'devices'],
    properties: {
      customer_id: text(64),
      pre_provisioning_token: text(256),
      devices: {
        type: 'array',
        maxItems: MAX_DEVICES_PER_UPLOAD,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['device_id', 'id_kind', 'serial_number', 'manufacturer', 'model'],
          properties: {
            device_id: text(64),
            id_kind: text(64),
            serial_number: text(64),
            manufacturer: text(128),
            model: text(256),
            brand_code: { type: 'string', minLength: 1, maxLength: 16 },
            bundled_license: { type: 'boolean' },
            license_packaging_sku: { type: 'string', enum: [...PACKAGED_SKUS] },
          },
        },
      },
    },
  },
} as const;

export function registerPartnerRoutes(app: FastifyInstance, ctx: StubContext): void {
  // `::` is fastify's escape for a literal colon in a path.
  app.post<{ Body: PreprovisionRequest }>(
    '/v1/partner/devices::preprovision',
    { schema: preprovisionSchema, bodyLimit: 1024 * 1024, preValidation: partnerGuard(ctx) },
    async (request) => {
      const partner = request.partner;
      if (partner === undefined) throw new ApiError(401, 'UNAUTHENTICATED', 'partner not authenticated');
      return { results: preprovision(ctx, partner, request.body) };
    },
  );

  app.get('/v1/partners', async () => ({ partners: ctx.stores.partners.authorizedList() }));
}
