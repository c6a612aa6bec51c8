// A hostile enrollment server of our own (node:http), in front of the real stub: for the requests a
// plan picks it resets the connection, trickles an answer that never ends (slow-loris), never
// answers, sends 10 MB bodies or a body without end, nests protobuf groups 100 000 levels deep, sends
// protobuf whose answer field has the wrong wire type, an HTML captive portal or bytes that are not
// HTTP; every other request goes through to the
// stub unchanged. `landed-then-*` forwards the request first (so a registration really lands and its
// licence is taken) and then answers with hostility: the agent must retry without costing a second one.

import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { PROTOBUF_CONTENT_TYPE } from '../../../protocol/codec.ts';
import { DeviceManagementResponseSchema, DM_RESPONSE_FIELD, isDmRequestType } from '../../../protocol/dm.ts';

export const HOSTILITIES = [
  'reset',
  'reset-mid-body',
  'not-http',
  'slow-loris',
  'stall',
  'huge-body',
  'huge-chunked',
  'endless-body',
  'huge-error',
  'deep-nesting',
  'wrong-types',
  'captive-portal',
  'empty-200',
] as const;
export type Hostility = (typeof HOSTILITIES)[number];

/** Behaviours during which the agent waits on its HTTP time-outs (20–30 s each with the defaults). */
export const SLOW_HOSTILITIES: ReadonlySet<Hostility> = new Set(['slow-loris', 'stall']);

export interface HostileRequest {
  deviceid: string;
  requestType: string;
  /** 1 for this device's first DM request, 2 for its second… */
  index: number;
  /** This device's requests of this type so far, this one included. */
  indexOfType: number;
}

export interface HostileDecision {
  hostility: Hostility;
  /** Forward to the stub first, then answer with the hostility (the request lands, the answer is lost). */
  landFirst?: boolean;
}

const MB = 1024 * 1024;

const PROTO = { 'content-type': PROTOBUF_CONTENT_TYPE };

/** The DeviceManagementResponse field number that answers a request type (Chromium's numbers). */
function responseFieldNumber(requestType: string): number {
  const field = isDmRequestType(requestType) ? DM_RESPONSE_FIELD[requestType] : 'registerResponse';
  return DeviceManagementResponseSchema.fields.find((f) => f.localName === field)?.number ?? 3;
}

/** A varint of a small number (tags here stay below 2^14). */
function varint(n: number): number[] {
  return n < 0x80 ? [n] : [(n & 0x7f) | 0x80, n >> 7];
}

/** The answer field, well-formed protobuf but of the wrong wire type (a varint where a message goes). */
function wrongWireType(requestType: string): Buffer {
  return Buffer.from([...varint((responseFieldNumber(requestType) << 3) | 0), 0x2a]);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MB) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface Forwarded {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function forward(upstream: URL, req: IncomingMessage, body: Buffer): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host, 'content-length': String(body.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

export class HostileServer {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly perDevice = new Map<string, { total: number; byType: Map<string, number> }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Hostile answers given, by behaviour. */
  readonly served = new Map<Hostility, number>();
  forwardedRequests = 0;

  constructor(
    private readonly upstream: URL,
    private readonly plan: (r: HostileRequest) => HostileDecision | null,
    /** Sees every DM request as it arrives (a recording proxy: the security campaign replays one). */
    private readonly tap?: (r: { deviceid: string; requestType: string; body: Buffer; url: URL }) => void,
  ) {}

  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      void this.handle(req, res).catch(() => {
        res.socket?.destroy();
      });
    });
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    // Node's own defaults would cut a slow exchange short; a hostile server takes its time.
    server.requestTimeout = 0;
    server.headersTimeout = 0;
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    return `http://127.0.0.1:${address.port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://x');
    const requestType = url.searchParams.get('request');
    const deviceid = url.searchParams.get('deviceid');
    let decision: HostileDecision | null = null;
    if (url.pathname.endsWith('/device_management') && requestType && deviceid) {
      const counts = this.perDevice.get(deviceid) ?? { total: 0, byType: new Map<string, number>() };
      this.perDevice.set(deviceid, counts);
      counts.total += 1;
      counts.byType.set(requestType, (counts.byType.get(requestType) ?? 0) + 1);
      this.tap?.({ deviceid, requestType, body, url });
      decision = this.plan({
        deviceid,
        requestType,
        index: counts.total,
        indexOfType: counts.byType.get(requestType) ?? 1,
      });
    }
    if (decision === null || decision.landFirst) {
      const answer = await forward(this.upstream, req, body);
      this.forwardedRequests += 1;
      if (decision === null) {
        const headers = { ...answer.headers };
        delete headers['transfer-encoding'];
        headers['content-length'] = String(answer.body.length);
        res.writeHead(answer.status, headers);
        res.end(answer.body);
        return;
      }
    }
    this.served.set(decision.hostility, (this.served.get(decision.hostility) ?? 0) + 1);
    this.misbehave(decision.hostility, requestType ?? '', res);
  }

  private every(ms: number, tick: () => boolean): void {
    const timer = setInterval(() => {
      if (!tick()) {
        clearInterval(timer);
        this.timers.delete(timer);
      }
    }, ms);
    this.timers.add(timer);
  }

  private misbehave(hostility: Hostility, requestType: string, res: ServerResponse): void {
    const socket = res.socket;
    const alive = () => !res.destroyed && !(socket?.destroyed ?? true);
    switch (hostility) {
      case 'reset':
        socket?.resetAndDestroy();
        return;
      case 'reset-mid-body':
        res.writeHead(200, { ...PROTO, 'content-length': '4000' });
        res.write(Buffer.from([0x5a, 0x20, 0x08, 0x00, 0x22, 0x1c, 0x08, 0x02, 0x12, 0x0c, 0x64, 0x65]));
        setTimeout(() => socket?.resetAndDestroy(), 20);
        return;
      case 'not-http':
        socket?.end('SSH-2.0-OpenSSH_9.6\r\nProtocol mismatch.\r\n\0\0\0');
        return;
      case 'slow-loris':
        // Headers at once, then one byte a second, never the end.
        res.writeHead(200, PROTO);
        res.write(Buffer.from([0x5a]));
        this.every(1000, () => {
          if (!alive()) return false;
          res.write(Buffer.from([0x00]));
          return true;
        });
        return;
      case 'stall':
        // Nothing at all: the connection stays open, the answer never starts.
        return;
      case 'huge-body': {
        res.writeHead(200, { ...PROTO, 'content-length': String(10 * MB) });
        this.stream(res, 10 * MB, true);
        return;
      }
      case 'huge-chunked':
        res.writeHead(200, PROTO);
        this.stream(res, 10 * MB, true);
        return;
      case 'endless-body':
        // As fast as the device reads, for ever: only a client that caps the body gets out.
        res.writeHead(200, PROTO);
        this.stream(res, Number.POSITIVE_INFINITY, true);
        return;
      case 'huge-error':
        res.writeHead(500, PROTO);
        this.stream(res, 10 * MB, false);
        return;
      case 'deep-nesting': {
        // 100 000 start-group tags: a recursive decoder without a bound would blow its stack.
        res.writeHead(200, PROTO);
        res.end(Buffer.alloc(100_000, 0x0b));
        return;
      }
      case 'wrong-types':
        res.writeHead(200, PROTO);
        res.end(wrongWireType(requestType));
        return;
      case 'captive-portal':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(
          '<!doctype html><html><body><form action="/login">Hotel Wi-Fi: accept the terms</form></body></html>',
        );
        return;
      case 'empty-200':
        res.writeHead(200, { ...PROTO, 'content-length': '0' });
        res.end();
        return;
    }
  }

  /**
   * Writes `total` bytes in 64 KiB chunks as the client reads them; with `framed`, they start as an
   * error_message string whose length prefix claims them all (2 GiB when there is no end).
   */
  private stream(res: ServerResponse, total: number, framed: boolean): void {
    const length = Number.isFinite(total) ? total - 6 : 0x7fffffff;
    const head = framed
      ? Buffer.from([
          0x12,
          (length & 0x7f) | 0x80,
          ((length >> 7) & 0x7f) | 0x80,
          ((length >> 14) & 0x7f) | 0x80,
          ((length >> 21) & 0x7f) | 0x80,
          (length >> 28) & 0x0f,
        ])
      : Buffer.alloc(0);
    const tail = Buffer.alloc(0);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      if (res.destroyed) return;
      if (sent === 0) {
        res.write(head);
        sent += head.length;
      }
      while (sent < total - tail.length) {
        const n = Math.min(chunk.length, total - tail.length - sent);
        sent += n;
        if (!res.write(chunk.subarray(0, n))) {
          res.once('drain', pump);
          return;
        }
      }
      res.end(tail);
    };
    res.on('error', () => undefined);
    pump();
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
