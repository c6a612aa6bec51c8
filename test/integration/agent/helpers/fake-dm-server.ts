// A local HTTP server on port 0 that records each request and answers however the test says:
// the DM client's counterpart when the point is a status, a header, or a hostile answer. `dm()`
// answers a DeviceManagementResponse encoded by protocol/codec.ts; `requestOf()` decodes what the
// client sent with the same schema.

import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import {
  contentTypeOf,
  type DmEncoding,
  decodeDm,
  encodeDm,
  encodingOfContentType,
} from '../../../../protocol/codec.ts';
import {
  type DeviceManagementRequest,
  DeviceManagementRequestSchema,
  DeviceManagementResponseSchema,
} from '../../../../protocol/dm.ts';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The raw bytes sent. */
  bytes: Buffer;
  /** The bytes as UTF-8 text (JSON requests). */
  body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest) => void;

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  setHandler(handler: Handler): void;
  close(): Promise<void>;
}

export async function startFakeDmServer(initial: Handler): Promise<FakeServer> {
  let handler = initial;
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://localhost'),
        headers: req.headers,
        bytes: Buffer.concat(chunks),
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      handler(req, res, recorded);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    setHandler: (h) => {
      handler = h;
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Answers `status` with a JSON body (and extra headers). */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };
}

export type DmAnswer = MessageInitShape<typeof DeviceManagementResponseSchema>;

/**
 * Answers `status` with a DeviceManagementResponse, in `encoding` (default: the request's own, as
 * DESIGN §5 says a server does). JSON error answers also carry `dm_status` when given.
 */
export function dm(
  status: number,
  answer: DmAnswer,
  options: { encoding?: DmEncoding; headers?: Record<string, string>; dmStatus?: string } = {},
): Handler {
  return (req, res) => {
    const encoding = options.encoding ?? encodingOfContentType(req.headers['content-type']) ?? 'proto';
    let body = Buffer.from(
      encodeDm(DeviceManagementResponseSchema, create(DeviceManagementResponseSchema, answer), encoding),
    );
    if (encoding === 'json' && options.dmStatus !== undefined) {
      const json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      body = Buffer.from(JSON.stringify({ ...json, dm_status: options.dmStatus }));
    }
    res.writeHead(status, {
      'content-type': contentTypeOf(encoding),
      'content-length': body.length,
      ...options.headers,
    });
    res.end(body);
  };
}

/** The DeviceManagementRequest a recorded request carried, decoded by its Content-Type. */
export function requestOf(recorded: RecordedRequest): DeviceManagementRequest {
  const encoding = encodingOfContentType(recorded.headers['content-type']);
  if (encoding === null) throw new Error(`not a DM request: ${String(recorded.headers['content-type'])}`);
  return decodeDm(DeviceManagementRequestSchema, recorded.bytes, encoding);
}

/** A TCP server that speaks no HTTP: each connection gets `onSocket`. */
export async function startRawServer(
  onSocket: (socket: Socket) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A promise with its resolver, for "the server has the request now" hand-offs without sleeping. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
