// SMART Remote Management API under /smart/v1 (issue 3 item 6; documented in server-stub/README.md).
// Each route carries its own strict validator, body limit and error handler, so the answers are the
// same whatever the host app's AJV options or error handler: every error is `{error_message, error_code}`.

import type { Database } from 'better-sqlite3';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  RouteOptions,
} from 'fastify';
import type { Clock } from '../clock.ts';
import { SmartError, type SmartErrorBody } from './errors.ts';
import * as S from './http-schemas.ts';
import { SESSION_TOKEN_PATTERN } from './rules.ts';
import { applySmartSchema } from './schema.ts';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './secrets.ts';
import { type NewDomain, SmartService } from './service.ts';
import { compileStrict, type JsonSchema, SchemaValidationError } from './validator.ts';

export const SMART_PREFIX = '/smart/v1';

/** Largest accepted request body; beyond it, 413 PAYLOAD_TOO_LARGE. */
export const SMART_BODY_LIMIT = 16 * 1024;

export interface SmartDeps {
  db: Database;
  clock: Clock;
}

interface NameParams {
  name: string;
}

/** Maps any error raised while serving a SMART route to its answer. */
export function smartErrorAnswer(error: unknown): { status: number; body: SmartErrorBody } {
  if (error instanceof SmartError) return { status: error.statusCode, body: error.toBody() };
  if (error instanceof SchemaValidationError) {
    return { status: 400, body: { error_message: error.message, error_code: 'INVALID_REQUEST' } };
  }
  const e = error as Partial<FastifyError> | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  const message = typeof e?.message === 'string' ? e.message : 'error';
  switch (code) {
    case 'FST_ERR_VALIDATION':
      return { status: 400, body: { error_message: message, error_code: 'INVALID_REQUEST' } };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: {
          error_message: `body must not exceed ${SMART_BODY_LIMIT} bytes`,
          error_code: 'PAYLOAD_TOO_LARGE',
        },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: { error_message: 'body must be application/json', error_code: 'UNSUPPORTED_MEDIA_TYPE' },
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { error_message: 'body must not be empty', error_code: 'INVALID_JSON' } };
    default:
      break;
  }
  if (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return { status: 400, body: { error_message: 'body must be valid JSON', error_code: 'INVALID_JSON' } };
  }
  if (status >= 400 && status < 500) {
    // A host app's own 4xx error (e.g. its JSON parser's ApiError) keeps its code; fastify's become generic.
    const own = /^[A-Z][A-Z0-9_]*$/.test(code) && !code.startsWith('FST_') ? code : 'INVALID_REQUEST';
    return { status, body: { error_message: message, error_code: own } };
  }
  return { status: 500, body: { error_message: 'internal error', error_code: 'INTERNAL' } };
}

function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body } = smartErrorAnswer(error);
  if (status >= 500) request.log.error({ err: error }, 'SMART route failed');
  if (status === 401) void reply.header('www-authenticate', 'Bearer realm="smart-remote-management"');
  return reply.code(status).send(body);
}

function strictCompiler({ schema, httpPart }: { schema: JsonSchema; httpPart?: string }) {
  return compileStrict(schema, httpPart ?? 'data');
}

/** Options every SMART route shares. */
function route<P = unknown, B = unknown, Q = unknown>(
  method: 'GET' | 'POST',
  path: string,
  schema: FastifySchema,
  handler: (
    req: FastifyRequest<{ Params: P; Body: B; Querystring: Q }>,
    reply: FastifyReply,
  ) => Promise<unknown>,
  extra: Partial<RouteOptions> = {},
): RouteOptions {
  return {
    method,
    url: `${SMART_PREFIX}${path}`,
    schema,
    bodyLimit: SMART_BODY_LIMIT,
    validatorCompiler: strictCompiler as unknown as RouteOptions['validatorCompiler'],
    errorHandler,
    handler: handler as unknown as RouteOptions['handler'],
    ...extra,
  };
}

/**
 * Registers the SMART Remote Management routes (all under /smart/v1) and creates their tables.
 */
export async function registerSmartRoutes(app: FastifyInstance, deps: SmartDeps): Promise<void> {
  applySmartSchema(deps.db);
  const service = new SmartService(deps.db, deps.clock);

  /** onRequest hook of domain admin routes: `Authorization: Bearer <token>` of THAT domain. */
  const requireDomainToken = async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer +(\S+) *$/i.exec(header) : null;
    const token = match?.[1];
    if (token === undefined || !SESSION_TOKEN_PATTERN.test(token)) {
      throw new SmartError(
        401,
        'UNAUTHENTICATED',
        'Authorization: Bearer <token> from POST /smart/v1/login is required',
      );
    }
    const domain = service.sessionDomain(token);
    if (domain === null) throw new SmartError(401, 'UNAUTHENTICATED', 'unknown or expired session token');
    const { name } = request.params as Partial<NameParams>;
    if (domain !== name) {
      throw new SmartError(403, 'FORBIDDEN_DOMAIN', 'the session token does not belong to this domain');
    }
  };
  const authed = { onRequest: requireDomainToken };

  const routes: RouteOptions[] = [
    route<unknown, NewDomain & { password: string }>(
      'POST',
      '/domains',
      { body: S.createDomainBody },
      async (req, reply) => {
        const { password, ...domain } = req.body;
        const hash = await hashPassword(password);
        const view = service.createDomain(domain, hash);
        void reply.code(201);
        return view;
      },
    ),

    route<unknown, unknown, { email: string }>(
      'GET',
      '/outbox',
      { querystring: S.outboxQuery },
      async (req) => ({
        email: req.query.email.toLowerCase(),
        messages: service.outbox(req.query.email),
      }),
    ),

    route<NameParams, { code: string }>(
      'POST',
      '/domains/:name/activate',
      { params: S.domainParams, body: S.activateBody },
      async (req) => service.activate(req.params.name, req.body.code),
    ),

    // The link of the activation e-mail: same effect as the POST.
    route<NameParams, unknown, { code: string }>(
      'GET',
      '/domains/:name/activate',
      { params: S.domainParams, querystring: S.activateQuery },
      async (req) => service.activate(req.params.name, req.query.code),
    ),

    route<unknown, { email: string; password: string; domain?: string }>(
      'POST',
      '/login',
      { body: S.loginBody },
      async (req) => {
        const { email, password, domain } = req.body;
        const candidates = service.loginCandidates(email, domain);
        if (candidates.length === 0) await verifyPassword(password, DUMMY_PASSWORD_HASH);
        for (const c of candidates) {
          if (!(await verifyPassword(password, c.password_hash))) continue;
          if (c.status !== 'ACTIVE') {
            throw new SmartError(
              403,
              'ACTIVATION_PENDING',
              `domain "${c.name}" is not activated yet: follow the link of the activation e-mail`,
            );
          }
          return { token: service.openSession(c.name, email), domain: c.name };
        }
        throw new SmartError(401, 'INVALID_CREDENTIALS', 'wrong e-mail address or password');
      },
    ),

    route<NameParams>(
      'GET',
      '/domains/:name',
      { params: S.domainParams },
      async (req) => service.view(service.requireDomain(req.params.name)),
      authed,
    ),

    route<NameParams, { product_key: string }>(
      'POST',
      '/domains/:name/product-keys/redeem',
      { params: S.domainParams, body: S.redeemBody },
      async (req) => service.redeem(req.params.name, req.body.product_key),
      authed,
    ),

    route<NameParams>(
      'GET',
      '/domains/:name/billing',
      { params: S.domainParams },
      async (req) => service.billing(req.params.name),
      authed,
    ),

    route<NameParams>(
      'GET',
      '/domains/:name/devices',
      { params: S.domainParams },
      async (req) => ({ devices: service.devices(req.params.name) }),
      authed,
    ),

    route<unknown, { serial_number: string; model_number: string }>(
      'POST',
      '/displays/checkin',
      { body: S.checkinBody },
      async (req) => service.checkin(req.body.serial_number, req.body.model_number),
    ),

    route<unknown, { serial_number: string; model_number: string; domain: string }>(
      'POST',
      '/displays/enroll',
      { body: S.enrollBody },
      async (req) => service.enroll(req.body.serial_number, req.body.model_number, req.body.domain),
    ),
  ];

  for (const r of routes) app.route(r);
}
