// SMART Remote Management API under /smart/v1 (seed 002; documented in server-stub/README.md). Requests
// are validated by fastify with the TypeBox schemas of schemas.ts; errors are the stub's ApiError
// family (http/errors.ts), answered by the stub's one error handler as `{error_message, error_code}`.

import type { Static } from '@sinclair/typebox';
import type { Database } from 'better-sqlite3';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SMART_PATHS } from '../../protocol/smart.ts';
import type { Clock } from '../clock.ts';
import { createSmartStores } from '../db/smart-stores.ts';
import { unauthenticated } from '../http/errors.ts';
import {
  activate,
  createDomain,
  login,
  outbox,
  requireDomain,
  type SmartContext,
  sessionDomain,
} from './accounts.ts';
import { billing, claim, devices, issueResellerKey, redeem } from './credits.ts';
import { checkin, enroll } from './displays.ts';
import { smartError } from './errors.ts';
import { SESSION_TOKEN_PATTERN } from './rules.ts';
import * as S from './schemas.ts';
import { hashPassword } from './secrets.ts';
import { domainView } from './state.ts';

export const SMART_PREFIX = '/smart/v1';

/** Largest accepted request body; beyond it, 413 PAYLOAD_TOO_LARGE. */
export const SMART_BODY_LIMIT = 16 * 1024;

export interface SmartDeps {
  db: Database;
  clock: Clock;
  /** Registers `POST /v1/test/smart/reseller-keys` (only with the stub's test hooks). */
  testHooks?: boolean;
}

type Name = Static<typeof S.DomainParams>;

/** Registers the SMART Remote Management routes (creating their tables if needed). */
export function registerSmartRoutes(app: FastifyInstance, deps: SmartDeps): void {
  const ctx: SmartContext = { stores: createSmartStores(deps.db), clock: deps.clock };
  const limit = { bodyLimit: SMART_BODY_LIMIT };

  /** onRequest hook of a domain's own routes: `Authorization: Bearer <token>` of THAT domain. */
  const requireDomainToken = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? /^Bearer +(\S+) *$/i.exec(header)?.[1] : undefined;
    const domain =
      token !== undefined && SESSION_TOKEN_PATTERN.test(token) ? sessionDomain(ctx, token) : null;
    if (domain === null) {
      reply.header('www-authenticate', 'Bearer realm="smart-remote-management"');
      throw unauthenticated(
        token === undefined
          ? 'Authorization: Bearer <token> from POST /smart/v1/login is required'
          : 'unknown session token',
      );
    }
    if (domain !== (request.params as Partial<Name>).name) {
      throw smartError('FORBIDDEN_DOMAIN', 'the session token does not belong to this domain');
    }
  };
  const authed = { onRequest: requireDomainToken };

  // ---- domain accounts ----------------------------------------------------------------------------
  app.post<{ Body: Static<typeof S.CreateDomainBody> }>(
    `${SMART_PREFIX}/domains`,
    { schema: { body: S.CreateDomainBody }, ...limit },
    async (req, reply) => {
      const { password, ...domain } = req.body;
      const view = createDomain(ctx, domain, await hashPassword(password));
      return reply.code(201).send(view);
    },
  );

  app.get<{ Querystring: Static<typeof S.OutboxQuery> }>(
    `${SMART_PREFIX}/outbox`,
    { schema: { querystring: S.OutboxQuery } },
    async (req) => ({ email: req.query.email.toLowerCase(), messages: outbox(ctx, req.query.email) }),
  );

  app.post<{ Params: Name; Body: Static<typeof S.ActivateBody> }>(
    `${SMART_PREFIX}/domains/:name/activate`,
    { schema: { params: S.DomainParams, body: S.ActivateBody }, ...limit },
    async (req) => activate(ctx, req.params.name, req.body.code),
  );

  // The link of the activation e-mail: same effect as the POST.
  app.get<{ Params: Name; Querystring: Static<typeof S.ActivateQuery> }>(
    `${SMART_PREFIX}/domains/:name/activate`,
    { schema: { params: S.DomainParams, querystring: S.ActivateQuery } },
    async (req) => activate(ctx, req.params.name, req.query.code),
  );

  app.post<{ Body: Static<typeof S.LoginBody> }>(
    `${SMART_PREFIX}/login`,
    { schema: { body: S.LoginBody }, ...limit },
    async (req) => login(ctx, req.body.email, req.body.password, req.body.domain),
  );

  app.get<{ Params: Name }>(
    `${SMART_PREFIX}/domains/:name`,
    { schema: { params: S.DomainParams }, ...authed },
    async (req) => domainView(requireDomain(ctx.stores, req.params.name), ctx.clock.now()),
  );

  // ---- Billing (User icon → Billing) and Devices ---------------------------------------------------
  app.post<{ Params: Name; Body: Static<typeof S.RedeemBody> }>(
    `${SMART_PREFIX}/domains/:name/billing/redeem`,
    { schema: { params: S.DomainParams, body: S.RedeemBody }, ...limit, ...authed },
    async (req) => redeem(ctx, req.params.name, req.body.product_key),
  );

  app.get<{ Params: Name }>(
    `${SMART_PREFIX}/domains/:name/billing`,
    { schema: { params: S.DomainParams }, ...authed },
    async (req) => billing(ctx, req.params.name),
  );

  app.get<{ Params: Name }>(
    `${SMART_PREFIX}/domains/:name/devices`,
    { schema: { params: S.DomainParams }, ...authed },
    async (req) => ({ devices: devices(ctx, req.params.name) }),
  );

  // ---- SMART Admin Portal --------------------------------------------------------------------------
  app.post<{ Body: Static<typeof S.ClaimBody> }>(
    `${SMART_PREFIX}/admin-portal/claims`,
    { schema: { body: S.ClaimBody }, ...limit },
    async (req) => claim(ctx, req.body.claim_code),
  );

  // ---- the display itself --------------------------------------------------------------------------
  app.post<{ Body: Static<typeof S.CheckinBody> }>(
    SMART_PATHS.displayCheckin,
    { schema: { body: S.CheckinBody }, ...limit },
    async (req) => checkin(ctx, req.body.serial_number, req.body.model_number),
  );

  app.post<{ Body: Static<typeof S.EnrollBody> }>(
    SMART_PATHS.displayEnroll,
    { schema: { body: S.EnrollBody }, ...limit },
    async (req) => enroll(ctx, req.body.serial_number, req.body.model_number, req.body.domain),
  );

  // ---- test hook: a reseller sells credits (the customer gets a product key by e-mail) ---------------
  if (deps.testHooks === true) {
    app.post<{ Body: Static<typeof S.ResellerKeyBody> }>(
      '/v1/test/smart/reseller-keys',
      { schema: { body: S.ResellerKeyBody }, bodyLimit: 8 * 1024 },
      async (req, reply) =>
        reply.code(201).send(issueResellerKey(ctx, req.body.credits, req.body.product_key)),
    );
  }
}
