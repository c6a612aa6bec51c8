// What every DM request handler receives.

import type { FastifyRequest } from 'fastify';
import type { DmEncoding } from '../../protocol/codec.ts';
import type { DeviceManagementRequest } from '../../protocol/dm.ts';
import type { StubContext } from '../context.ts';
import type { DmQuery } from './query.ts';

export interface DmCall {
  readonly ctx: StubContext;
  readonly request: FastifyRequest;
  readonly query: DmQuery;
  readonly message: DeviceManagementRequest;
  readonly encoding: DmEncoding;
  readonly options: { maxHashBucket?: number };
}
