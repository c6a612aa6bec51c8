// POST /device_management?request=<type>&devicetype=2&apptype=Chrome&deviceid=<id> (DESIGN §5).
// Injected faults answer first; then the query and body are validated (400), then the request type's
// handler runs. Every error answer is `{error_message, dm_status}` with the HTTP status of the table.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type DeviceManagementRequest,
  type DeviceManagementResponse,
  DM_PATH,
  DM_REQUEST_BODY_KEY,
  DM_RESPONSE_BODY_KEY,
  type DmRequestType,
} from '../../protocol/dm.ts';
import type { StubContext } from '../context.ts';
import { DmError } from '../http/errors.ts';
import { certificateBasedRegister } from './certificate-register.ts';
import { initialEnrollmentState } from './initial-state.ts';
import { type AcceptedRegisterRequest, manualRegister } from './manual-register.ts';
import { fetchPolicy } from './policy.ts';
import { DM_BODY_LIMIT, dmBodySchema, dmQuerySchema } from './schemas.ts';
import { unregister } from './unregister.ts';

interface DmQuery {
  request: DmRequestType;
  devicetype: '2';
  apptype: 'Chrome';
  deviceid: string;
}

/** The request body the stub accepts (register requests may lack device_register_identification). */
export type StubDmRequest = Omit<
  DeviceManagementRequest,
  'register_request' | 'token_based_register_request'
> & {
  register_request?: AcceptedRegisterRequest;
  token_based_register_request?: AcceptedRegisterRequest;
};

/** Request types whose body key may be omitted (`{}` is a valid body). */
const KEY_OPTIONAL: ReadonlySet<DmRequestType> = new Set(['policy', 'unregister']);

function requireOnlyKey(type: DmRequestType, body: StubDmRequest): void {
  const key = DM_REQUEST_BODY_KEY[type];
  for (const k of Object.keys(body)) {
    if (k !== key) throw new DmError(400, `body.${k} is not allowed for request=${type}`);
  }
  if (body[key] === undefined && !KEY_OPTIONAL.has(type)) throw new DmError(400, `body.${key} is required`);
}

function missing(key: string): DmError {
  return new DmError(400, `body.${key} is required`);
}

async function dispatch(
  ctx: StubContext,
  request: FastifyRequest,
  q: DmQuery,
  body: StubDmRequest,
): Promise<DeviceManagementResponse> {
  switch (q.request) {
    case 'device_initial_enrollment_state': {
      const r = body.device_initial_enrollment_state_request;
      if (r === undefined) throw missing('device_initial_enrollment_state_request');
      return { device_initial_enrollment_state_response: initialEnrollmentState(ctx, r) };
    }
    case 'certificate_based_register': {
      const r = body.certificate_based_register_request;
      if (r === undefined) throw missing('certificate_based_register_request');
      return { register_response: await certificateBasedRegister(ctx, q.deviceid, r) };
    }
    case 'register':
    case 'token_based_register': {
      const r = q.request === 'register' ? body.register_request : body.token_based_register_request;
      if (r === undefined) throw missing(DM_REQUEST_BODY_KEY[q.request]);
      return { register_response: manualRegister(ctx, request, q.request, q.deviceid, r) };
    }
    case 'policy':
      return { policy_response: fetchPolicy(ctx, request, q.deviceid, body.policy_request?.policy_type) };
    case 'unregister':
      return { unregister_response: unregister(ctx, request, q.deviceid) };
  }
}

export function registerDmRoute(app: FastifyInstance, ctx: StubContext): void {
  app.post<{ Querystring: DmQuery; Body: StubDmRequest }>(
    DM_PATH,
    {
      schema: { querystring: dmQuerySchema, body: dmBodySchema },
      bodyLimit: DM_BODY_LIMIT,
      preValidation: async (request) => {
        const type = (request.query as { request?: unknown }).request;
        if (typeof type !== 'string') return;
        const fault = ctx.faults.take(type);
        if (fault !== undefined) {
          throw new DmError(
            fault.status,
            `injected fault for request=${type}`,
            fault.retry_after_seconds ?? undefined,
          );
        }
      },
    },
    async (request) => {
      requireOnlyKey(request.query.request, request.body);
      const answer = await dispatch(ctx, request, request.query, request.body);
      const key = DM_RESPONSE_BODY_KEY[request.query.request];
      if (answer[key] === undefined) throw new Error(`handler for ${request.query.request} gave no ${key}`);
      return answer;
    },
  );
}
