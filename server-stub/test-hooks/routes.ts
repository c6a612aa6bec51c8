// Test hooks, registered only with --test-hooks / createStub({testHooks: true}) (else 404):
//   POST /v1/test/faults {request_type, status, count, retry_after_seconds?} → {faults}
//   GET  /v1/test/faults → {faults};  DELETE /v1/test/faults → {faults: []}
//   POST /v1/test/clock {now} → {now};  GET /v1/test/clock → {now}
//   POST /v1/test/factory/devices {attested_device_id, manufacturer} → {private_key_pem, certificate_chain_pem}
//   GET  /v1/test/policy-keys → {current_version, keys: [PolicyKeyView]}
//   POST /v1/test/policy-keys (no body) → PolicyKeyView of the new signing key (DM policy key rotation)

import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DM_REQUEST_TYPES, type DmRequestType } from '../../protocol/dm.ts';
import { dmStatusForHttp } from '../../protocol/status.ts';
import type { StubContext } from '../context.ts';
import type { PolicyKey } from '../db/policy-keys.ts';
import { DEVICE_ID_JSON_PATTERN } from '../dm/schemas.ts';
import { badRequest } from '../http/errors.ts';

const BODY_LIMIT = 8 * 1024;

const faultSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['request_type', 'status', 'count'],
  properties: {
    request_type: { type: 'string', enum: DM_REQUEST_TYPES },
    status: { type: 'integer', minimum: 400, maximum: 999 },
    count: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    retry_after_seconds: { type: 'integer', minimum: 0, maximum: 86_400 },
  },
} as const;

const clockSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['now'],
  properties: { now: { anyOf: [{ type: 'string', minLength: 1, maxLength: 64 }, { type: 'integer' }] } },
} as const;

const factorySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['attested_device_id', 'manufacturer'],
  properties: {
    attested_device_id: { type: 'string', pattern: DEVICE_ID_JSON_PATTERN },
    manufacturer: { type: 'string', minLength: 1, maxLength: 64, pattern: '\\S' },
  },
} as const;

interface FaultBody {
  request_type: DmRequestType;
  status: number;
  count: number;
  retry_after_seconds?: number;
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** `YYYY-MM-DD` names a day of the calendar (JavaScript would turn 2025-02-30 into March 2). */
function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(2000, m - 1, d));
  probe.setUTCFullYear(y);
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export function parseInstant(now: string | number): Date {
  const d =
    typeof now === 'number'
      ? new Date(now)
      : ISO.test(now) && isCalendarDate(now)
        ? new Date(now)
        : new Date(Number.NaN);
  if (Number.isNaN(d.getTime()))
    throw badRequest('body.now must be an ISO 8601 date-time or epoch milliseconds');
  return d;
}

/** A policy signing key as the test hooks show it (never the private part). */
export interface PolicyKeyView {
  version: number;
  /** Base64 DER SubjectPublicKeyInfo (PolicyFetchResponse.new_public_key). */
  public_key_der_base64: string;
  /** SHA-256 of the DER, hex. */
  sha256: string;
  created_at: string;
}

function policyKeyView(k: PolicyKey): PolicyKeyView {
  return {
    version: k.version,
    public_key_der_base64: Buffer.from(k.publicKeyDer).toString('base64'),
    sha256: createHash('sha256').update(k.publicKeyDer).digest('hex'),
    created_at: k.createdAt,
  };
}

export function registerTestHooks(app: FastifyInstance, ctx: StubContext): void {
  app.get('/v1/test/policy-keys', async () => {
    const current = await ctx.stores.policyKeys.current();
    return { current_version: current.version, keys: ctx.stores.policyKeys.list().map(policyKeyView) };
  });
  app.post('/v1/test/policy-keys', { bodyLimit: BODY_LIMIT }, async () => {
    await ctx.stores.policyKeys.current(); // a rotation always has a previous key to sign with
    return policyKeyView(await ctx.stores.policyKeys.rotate());
  });

  app.post<{ Body: FaultBody }>(
    '/v1/test/faults',
    { schema: { body: faultSchema }, bodyLimit: BODY_LIMIT },
    async (request) => {
      const { request_type, status, count, retry_after_seconds } = request.body;
      const dm = dmStatusForHttp(status);
      if (dm === null || dm === 'DM_STATUS_SUCCESS') {
        throw badRequest(
          'body.status must be an error status of the DM table (400–429 of the table, 5xx, 902–907)',
        );
      }
      ctx.faults.set(request_type, status, count, retry_after_seconds ?? null);
      return { faults: ctx.faults.list() };
    },
  );
  app.get('/v1/test/faults', async () => ({ faults: ctx.faults.list() }));
  app.delete('/v1/test/faults', async () => {
    ctx.faults.clear();
    return { faults: [] };
  });

  app.post<{ Body: { now: string | number } }>(
    '/v1/test/clock',
    { schema: { body: clockSchema }, bodyLimit: BODY_LIMIT },
    async (request) => {
      ctx.clock.set(parseInstant(request.body.now));
      return { now: ctx.clock.now().toISOString() };
    },
  );
  app.get('/v1/test/clock', async () => ({ now: ctx.clock.now().toISOString() }));

  app.post<{ Body: { attested_device_id: string; manufacturer: string } }>(
    '/v1/test/factory/devices',
    { schema: { body: factorySchema }, bodyLimit: BODY_LIMIT },
    async (request) => ctx.cas.mint(request.body.attested_device_id, request.body.manufacturer),
  );
}
