// POST /device_management (DESIGN §5): Chromium's device-management protocol, byte for byte.
//   1. The body is read raw (any Content-Type, at most DM_BODY_LIMIT bytes, else 413).
//   2. An injected fault for the request type answers first (test hooks).
//   3. The query string is checked (query.ts), then the Content-Type: protobuf
//      (`application/x-protobuffer`, `application/protobuf`, `application/octet-stream`) or the JSON
//      debug encoding (`application/json`); anything else is a 400.
//   4. The body is decoded as a DeviceManagementRequest; the field of the request type must be set
//      (else 400 naming it); the other fields are ignored, as Chromium's server does.
//   5. The request type's handler answers a DeviceManagementResponse, in the request's encoding.
// Every error is the table's HTTP status with a DeviceManagementResponse carrying `error_message`
// (plus `dm_status` in JSON); a request whose encoding is unknown gets its error in protobuf.

import { create, type MessageInitShape } from '@bufbuild/protobuf';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DmCodecError, type DmEncoding, decodeDm, encodingOfContentType } from '../../protocol/codec.ts';
import {
  DeviceManagementRequestSchema,
  type DeviceManagementResponse,
  DeviceManagementResponseSchema,
  DM_PATH,
  DM_REQUEST_FIELD,
  DM_RESPONSE_FIELD,
} from '../../protocol/dm.ts';
import type { StubContext } from '../context.ts';
import { DmError } from '../http/errors.ts';
import type { DmCall } from './call.ts';
import { certificateBasedRegister } from './certificate-register.ts';
import { enterpriseCheck } from './hash-dance.ts';
import { deviceStateRetrieval, initialEnrollmentState } from './initial-state.ts';
import { manualRegister, tokenBasedRegister } from './manual-register.ts';
import { fetchPolicy } from './policy.ts';
import { parseDmQuery } from './query.ts';
import { DM_BODY_LIMIT } from './schemas.ts';
import { unregister } from './unregister.ts';
import { sendDmAnswer } from './wire.ts';

export interface DmRouteOptions {
  /** Hash dance: most hashes one bucket may hold before the stub asks for a larger modulus. */
  maxHashBucket?: number;
}

/** Name of a field as the proto spells it (snake_case), for error texts. */
export function requestFieldName(local: keyof typeof DeviceManagementRequestSchema.field): string {
  return DeviceManagementRequestSchema.field[local].name;
}

function encodingOf(request: FastifyRequest): DmEncoding | null {
  return encodingOfContentType(request.headers['content-type']);
}

async function dispatch(call: DmCall): Promise<DeviceManagementResponse> {
  const { message: m } = call;
  const answer = (init: MessageInitShape<typeof DeviceManagementResponseSchema>) =>
    create(DeviceManagementResponseSchema, init);
  switch (call.query.request) {
    case 'enterprise_check':
      return answer({
        autoEnrollmentResponse: enterpriseCheck(call, need(m.autoEnrollmentRequest, 'autoEnrollmentRequest')),
      });
    case 'device_state_retrieval':
      return answer({
        deviceStateRetrievalResponse: deviceStateRetrieval(
          call,
          need(m.deviceStateRetrievalRequest, 'deviceStateRetrievalRequest'),
        ),
      });
    case 'device_initial_enrollment_state':
      return answer({
        deviceInitialEnrollmentStateResponse: initialEnrollmentState(
          call,
          need(m.deviceInitialEnrollmentStateRequest, 'deviceInitialEnrollmentStateRequest'),
        ),
      });
    case 'certificate_based_register':
      return answer({
        registerResponse: await certificateBasedRegister(
          call,
          need(m.certificateBasedRegisterRequest, 'certificateBasedRegisterRequest'),
        ),
      });
    case 'register':
      return answer({ registerResponse: manualRegister(call, need(m.registerRequest, 'registerRequest')) });
    case 'token_based_register':
      return answer({
        tokenBasedDeviceRegisterResponse: tokenBasedRegister(
          call,
          need(m.tokenBasedDeviceRegisterRequest, 'tokenBasedDeviceRegisterRequest'),
        ),
      });
    case 'policy':
      return answer({ policyResponse: await fetchPolicy(call, need(m.policyRequest, 'policyRequest')) });
    case 'unregister':
      need(m.unregisterRequest, 'unregisterRequest');
      return answer({ unregisterResponse: unregister(call) });
  }
}

function need<T>(value: T | undefined, local: keyof typeof DeviceManagementRequestSchema.field): T {
  if (value === undefined) throw new DmError(400, `${requestFieldName(local)} is required`);
  return value;
}

export function registerDmRoute(app: FastifyInstance, ctx: StubContext, options: DmRouteOptions = {}): void {
  void app.register(async (scope) => {
    // Scoped to this plugin: the body is read as raw bytes whatever its Content-Type, and the
    // Content-Type is judged by the handler (so an unknown one gets a DM error answer).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: DM_BODY_LIMIT },
      (_request, body, done) => {
        done(null, body);
      },
    );
    // Its errors go to the stub's one error handler (http/error-handler.ts), which answers a
    // DeviceManagementResponse in the request's encoding on this route.
    scope.post(
      DM_PATH,
      {
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
      async (request, reply) => {
        const query = parseDmQuery(request.query);
        const encoding = encodingOf(request);
        if (encoding === null) {
          throw new DmError(
            400,
            `Content-Type ${JSON.stringify(request.headers['content-type'] ?? '')} is not application/x-protobuffer (or application/protobuf, application/octet-stream, application/json)`,
          );
        }
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        let message: DmCall['message'];
        try {
          message = decodeDm(DeviceManagementRequestSchema, body, encoding);
        } catch (e) {
          if (e instanceof DmCodecError) throw new DmError(400, `body: ${e.message}`);
          throw e;
        }
        const field = DM_REQUEST_FIELD[query.request];
        if (message[field] === undefined) {
          throw new DmError(400, `${requestFieldName(field)} is required for request=${query.request}`);
        }
        const answer = await dispatch({ ctx, request, query, message, encoding, options });
        const key = DM_RESPONSE_FIELD[query.request];
        if (answer[key] === undefined) throw new Error(`handler for ${query.request} gave no ${key}`);
        return sendDmAnswer(reply, encoding, answer);
      },
    );
  });
}
