// Who may talk to the local OOBE server (issue 7 item 4). It listens on loopback only, but a web page
// in the kiosk browser (or any browser on the device) can still reach loopback: through DNS rebinding
// (a hostile name resolving to 127.0.0.1 — its Host header names it) or a cross-site request (its
// Origin names the other site; a simple form post has no JSON content type). All are refused.

import type { IncomingHttpHeaders } from 'node:http';

export type RefusalReason = 'bad-host' | 'bad-origin' | 'cross-site' | 'not-json';

export interface Refusal {
  reason: RefusalReason;
  message: string;
}

/** The Host values this server answers to. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** The UI's own origins (the page may be opened under either loopback name). */
export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Null when the request may proceed; otherwise why it is refused (answered 403). `url` is the request
 * path: the API refuses even reads that a browser marks as coming from another site.
 */
export function refusalFor(
  request: { method: string; url?: string; headers: IncomingHttpHeaders },
  port: number,
): Refusal | null {
  const host = single(request.headers.host)?.toLowerCase();
  if (port <= 0 || host === undefined || !allowedHosts(port).includes(host)) {
    return {
      reason: 'bad-host',
      message: 'This server answers only to 127.0.0.1 and localhost on its own port.',
    };
  }
  const origin = single(request.headers.origin);
  if (origin !== undefined && !allowedOrigins(port).includes(origin.toLowerCase())) {
    return { reason: 'bad-origin', message: 'Requests from other origins are refused.' };
  }
  const site = single(request.headers['sec-fetch-site']);
  const foreignSite = site !== undefined && site !== 'same-origin' && site !== 'none';
  const safe = SAFE_METHODS.has(request.method.toUpperCase());
  if (foreignSite && (!safe || (request.url ?? '').startsWith('/api/'))) {
    return { reason: 'cross-site', message: 'Cross-site requests are refused.' };
  }
  if (safe) return null;
  const type = single(request.headers['content-type'])?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return {
      reason: 'not-json',
      message: 'State-changing requests must be JSON (Content-Type: application/json).',
    };
  }
  return null;
}
