// The fleet's fault proxy: a real HTTP hop in front of the server for devices with network faults.
// Device N talks to `<proxy>/d/N/…`; its first requests meet its planned faults (connection reset,
// a stalled answer, 503, 429 with Retry-After, a slow answer), later ones are forwarded untouched.

import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DevicePlan, ProxyFault } from '../scenarios/types.ts';

/** A stalled answer is dropped after this, whether or not the device gave up first. */
const STALL_MS = 10_000;
const SLOW_MS = 300;

export interface FaultProxy {
  url: string;
  /** Faults played so far, by kind. */
  played(): Record<ProxyFault, number>;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string, plans: readonly DevicePlan[]): Promise<FaultProxy> {
  const upstream = new URL(target);
  const queues = new Map<number, ProxyFault[]>();
  for (const p of plans)
    if (p.network.proxyFaults.length > 0) queues.set(p.index, [...p.network.proxyFaults]);
  const played: Record<ProxyFault, number> = { reset: 0, stall: 0, slow: 0, 'http-503': 0, 'http-429': 0 };

  const forward = (req: IncomingMessage, res: ServerResponse, path: string) => {
    const out = httpRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  };

  const reply = (res: ServerResponse, status: number, extra: Record<string, string> = {}) => {
    const body = JSON.stringify({
      error_message: `injected by the fleet's fault proxy (${status})`,
      dm_status: status === 429 ? 'DM_STATUS_SERVICE_TOO_MANY_REQUESTS' : 'DM_STATUS_TEMPORARY_UNAVAILABLE',
    });
    res.writeHead(status, { 'content-type': 'application/json', connection: 'close', ...extra });
    res.end(body);
  };

  const server = createServer((req, res) => {
    const match = /^\/d\/(\d+)(\/.*)?$/.exec(req.url ?? '');
    if (match === null) {
      res.writeHead(404).end();
      return;
    }
    const path = match[2] ?? '/';
    const next = queues.get(Number(match[1]))?.shift();
    if (next === undefined) {
      forward(req, res, path);
      return;
    }
    const fault: ProxyFault = next;
    played[fault] += 1;
    switch (fault) {
      case 'reset':
        req.socket.destroy();
        break;
      case 'stall': {
        req.resume();
        const timer = setTimeout(() => req.socket.destroy(), STALL_MS);
        req.socket.once('close', () => clearTimeout(timer));
        break;
      }
      case 'slow':
        setTimeout(() => forward(req, res, path), SLOW_MS);
        break;
      case 'http-503':
        req.resume();
        reply(res, 503);
        break;
      case 'http-429':
        req.resume();
        reply(res, 429, { 'retry-after': '1' });
        break;
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    played: () => ({ ...played }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
