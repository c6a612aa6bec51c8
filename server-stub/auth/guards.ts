// preValidation hooks that authenticate before the body is even validated:
//  - admin API: `Authorization: Bearer <admin token>`; 401 when absent/unknown, 403 for another customer;
//  - partner API: `Authorization: Bearer <partner key>`; 401 unknown, 403 when the partner's company is
//    not on the authorised list.

import type { FastifyRequest } from 'fastify';
import type { StubContext } from '../context.ts';
import type { SessionRow } from '../db/admins.ts';
import type { PartnerRow } from '../db/rows.ts';
import { sha256Hex } from '../db/secrets.ts';
import { bearerToken } from '../http/auth-header.ts';
import { ApiError, forbidden, unauthenticated } from '../http/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    adminSession?: SessionRow;
    partner?: PartnerRow;
  }
}

export function authenticateAdmin(ctx: StubContext, request: FastifyRequest): SessionRow {
  const token = bearerToken(request.headers.authorization);
  if (token === null) throw unauthenticated('Authorization: Bearer <admin token> is required');
  const session = ctx.stores.admins.session(sha256Hex(token));
  if (session === undefined) throw unauthenticated('the admin token is unknown');
  return session;
}

export function adminGuard(ctx: StubContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const session = authenticateAdmin(ctx, request);
    const cid = (request.params as { cid?: unknown }).cid;
    if (typeof cid !== 'string' || cid !== session.customer_id) {
      throw forbidden(`this admin may only manage customer ${session.customer_id}`);
    }
    request.adminSession = session;
  };
}

export function partnerGuard(ctx: StubContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const key = bearerToken(request.headers.authorization);
    if (key === null) throw unauthenticated('Authorization: Bearer <partner key> is required');
    const partner = ctx.stores.partners.byKeyDigest(sha256Hex(key));
    if (partner === undefined) throw unauthenticated('the partner key is unknown');
    if (ctx.stores.partners.authorization(partner.company) === undefined) {
      throw new ApiError(
        403,
        'PARTNER_NOT_AUTHORIZED',
        `${partner.company} is not an authorised pre-provisioning partner`,
      );
    }
    request.partner = partner;
  };
}
