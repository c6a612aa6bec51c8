// Admin API, tokens: pre-provisioning tokens (for partners) and enrollment tokens (token_based_register).
//   GET  /v1/customers/:cid/preprovisioning-tokens            → {tokens: [TokenView]}
//   POST /v1/customers/:cid/preprovisioning-tokens {org_unit_path?} → 201 TokenView
//   POST /v1/customers/:cid/preprovisioning-tokens/:token/revoke   → 200 TokenView (404 unknown)
//   and the same three under enrollment-tokens.

import type { FastifyInstance } from 'fastify';
import { nowIso, type StubContext } from '../context.ts';
import { newToken } from '../db/secrets.ts';
import type { TokenStore } from '../db/tokens.ts';
import { notFound } from '../http/errors.ts';
import { requireOrgUnit } from './org-unit.ts';
import { ADMIN_BODY_LIMIT, cidParams, optionalOrgUnitBody, tokenParams } from './schemas.ts';
import { tokenView } from './views.ts';

interface Cid {
  cid: string;
}
interface CidToken extends Cid {
  token: string;
}

function registerTokenFamily(
  app: FastifyInstance,
  ctx: StubContext,
  path: string,
  prefix: string,
  store: TokenStore,
): void {
  app.get<{ Params: Cid }>(
    `/v1/customers/:cid/${path}`,
    { schema: { params: cidParams } },
    async (request) => ({
      tokens: store.list(request.params.cid).map(tokenView),
    }),
  );

  app.post<{ Params: Cid; Body: { org_unit_path?: string } | undefined }>(
    `/v1/customers/:cid/${path}`,
    {
      schema: { params: cidParams, body: optionalOrgUnitBody },
      bodyLimit: ADMIN_BODY_LIMIT,
      // No body at all means "the root org unit".
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {};
      },
    },
    async (request, reply) => {
      const cid = request.params.cid;
      const ou = requireOrgUnit(ctx, cid, request.body?.org_unit_path);
      const token = newToken(prefix, 18);
      store.insert({ token, customer_id: cid, org_unit_path: ou, state: 'ACTIVE' }, nowIso(ctx));
      const row = store.get(token);
      if (row === undefined) throw new Error('token vanished after insert');
      return reply.code(201).send(tokenView(row));
    },
  );

  app.post<{ Params: CidToken }>(
    `/v1/customers/:cid/${path}/:token/revoke`,
    { schema: { params: tokenParams }, bodyLimit: ADMIN_BODY_LIMIT },
    async (request) => {
      const { cid, token } = request.params;
      const row = store.get(token);
      if (row === undefined || row.customer_id !== cid)
        throw notFound(`customer ${cid} has no token ${token}`);
      store.revoke(token, nowIso(ctx));
      const revoked = store.get(token) ?? row;
      return tokenView(revoked);
    },
  );
}

export function registerTokenRoutes(app: FastifyInstance, ctx: StubContext): void {
  registerTokenFamily(app, ctx, 'preprovisioning-tokens', 'ppt-', ctx.stores.preprovisioningTokens);
  registerTokenFamily(app, ctx, 'enrollment-tokens', 'ent-', ctx.stores.enrollmentTokens);
}
