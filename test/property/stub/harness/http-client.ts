// The raw HTTP client of the stub's bad-input property tests: node:http, one connection per request,
// explicit content-length and any bytes as body (what a hostile client can send and got cannot), failing
// loudly when the server drops the connection instead of answering.

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface Req {
  method: string;
  path: string;
  headers?: Record<string, string | undefined>;
  body?: string | Buffer;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body as received (DM answers are protobuf, not text). */
  bytes: Buffer;
}

/** One request on its own connection; rejects (→ the property fails) if the connection is dropped. */
export function send(url: string, req: Req): Promise<Answer> {
  const u = new URL(url);
  const headers: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(req.headers ?? {})) {
    // Beyond Latin-1, send the UTF-8 bytes (what a UTF-8 client would put on the wire).
    const wide = v !== undefined && Array.from(v).some((c) => (c.codePointAt(0) ?? 0) > 0xff);
    if (v !== undefined) headers[k] = wide ? Buffer.from(v, 'utf8').toString('latin1') : v;
  }
  if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      { host: u.hostname, port: u.port, method: req.method, path: req.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: bytes.toString('utf8'), bytes });
        });
        res.on('error', (e) =>
          reject(new Error(`connection dropped while reading the answer: ${e.message}`)),
        );
      },
    );
    // An error after the answer was read (e.g. EPIPE while still sending a refused 1 MiB body) is moot.
    r.on('error', (e) => reject(new Error(`connection dropped: ${e.message}`)));
    r.end(req.body);
  });
}

export const JSON_TYPE = 'application/json';

export function jsonBody(a: Answer): Record<string, unknown> {
  const v: unknown = JSON.parse(a.text);
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new Error(`not a JSON object: ${a.text}`);
  return v as Record<string, unknown>;
}
