// An answer that closes the connection before the request body has arrived (fastify does this for a
// body over the route's limit, an unsupported media type, or a body it could not parse) used to reach
// only clients that read while still writing: the socket was closed with the rest of the body unread,
// the kernel answered it with a reset, and a client still sending a 3 MB body saw EPIPE instead of the
// 413. So before such an answer leaves, the rest of the body is read and thrown away (up to a bound:
// past it the client is not worth waiting for and gets the old behaviour). Installed once on the root
// instance, it applies to every route, whoever encodes the error body (JSON here, protobuf on the DM
// route).

import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Most bytes read and discarded after an early answer before the connection is closed anyway. */
export const DISCARD_LIMIT = 32 * 1024 * 1024;

function closesConnection(reply: FastifyReply): boolean {
  const header = reply.getHeader('connection');
  return typeof header === 'string' && header.toLowerCase() === 'close';
}

/**
 * Resolves once `raw` has been received to its end (reading and discarding what is left), it failed,
 * or more than `limit` further bytes arrived. Never rejects: the answer goes out either way.
 */
export function discardRest(raw: IncomingMessage, limit = DISCARD_LIMIT): Promise<void> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (): void => {
      raw.off('data', onData);
      raw.off('end', finish);
      raw.off('error', finish);
      raw.off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer | string): void => {
      seen += chunk.length;
      if (seen > limit) finish();
    };
    raw.on('data', onData);
    raw.once('end', finish);
    raw.once('error', finish);
    raw.once('close', finish);
    raw.resume();
  });
}

export function installDrainBeforeClose(app: FastifyInstance, limit = DISCARD_LIMIT): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (closesConnection(reply)) await discardRest(request.raw, limit);
    return payload;
  });
}
