// Property tests below the routes: unknown or hostile paths and methods, malformed percent-encoding,
// over-long path parameters, and malformed HTTP framing (control bytes in headers, broken chunked
// encoding, conflicting content lengths, oversized headers) sent on a raw socket. Each gets a 4xx
// whose body is JSON with an `error_message` (and `dm_status` on the DM endpoint when the HTTP
// parser refused the request; a routed DM request gets a DeviceManagementResponse), never a 5xx,
// never a dropped connection without an answer, and nothing is written.

import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmStatusForHttp } from '../../../protocol/status.ts';
import { DEMO, dmPath, type StartedStub, startStub } from '../../helpers/stub.ts';
import { expectDmRefused } from './dm-harness.ts';
import { snapshot } from './harness/db-snapshot.ts';
import { HOSTILE, PATH_TRAVERSAL } from './harness/hostile-strings.ts';
import { seg } from './harness/path-segments.ts';
import { expectRefused } from './harness/refusal.ts';

let s: StartedStub;
beforeAll(async () => {
  s = await startStub();
});
afterAll(async () => {
  await s.close();
});

/** Requests without credentials that a stub answers with a 2xx (excluded from "unknown path"). */
const PUBLIC_OK = new Set([
  'GET /v1/partners',
  'GET /v1/test/faults',
  'DELETE /v1/test/faults',
  'GET /v1/test/clock',
]);

describe('routing', () => {
  it('unknown, hostile or traversing paths and methods, without credentials → 4xx JSON, nothing written', async () => {
    const word = fc.oneof(
      fc.constantFrom(
        'v1',
        'customers',
        DEMO.customer,
        'devices',
        'licenses',
        'test',
        'faults',
        'clock',
        'auth',
        'login',
        'partner',
        'devices:preprovision',
        'device_management',
        'smart',
        '..',
        '.',
        '',
      ),
      fc.constantFrom(...HOSTILE, ...PATH_TRAVERSAL).map(seg),
      fc.constantFrom(...PATH_TRAVERSAL),
      fc.constantFrom('%zz', '%', '%E0%A4%A', '%ff', '%C0%AF', '%00', '%2F', '%2e%2e'),
      fc.string({ unit: 'binary', maxLength: 12 }).map(seg),
      fc.integer({ min: 400, max: 1200 }).map((n) => 'x'.repeat(n)),
    );
    const path = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => `/${ws.join('/')}`);
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');
    await fc.assert(
      fc.asyncProperty(method, path, async (m, p) => {
        fc.pre(!PUBLIC_OK.has(`${m} ${p}`) && !p.startsWith('/smart/'));
        // The DM endpoint answers a DeviceManagementResponse (protobuf: no Content-Type was sent).
        if (p === '/device_management' && m === 'POST')
          await expectDmRefused(s, { method: m, path: p }, { status: 400 });
        else await expectRefused(s, { method: m, path: p });
      }),
      { numRuns: 250 },
    );
  });
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes bytes on a fresh TCP connection and reads the whole answer (until the server closes). */
function rawExchange(bytes: Buffer): Promise<RawAnswer> {
  const u = new URL(s.url);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(u.port), u.hostname);
    const chunks: Buffer[] = [];
    const done = (): void => {
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (end < 0 || m === null) {
        reject(new Error(`no HTTP answer, connection dropped (got ${JSON.stringify(text.slice(0, 200))})`));
        return;
      }
      const headers: Record<string, string> = {};
      for (const line of text.slice(0, end).split('\r\n').slice(1)) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const len = Number(headers['content-length'] ?? 'NaN');
      const raw = Buffer.concat(chunks).subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1'));
      resolve({
        status: Number(m[1]),
        headers,
        body: (Number.isNaN(len) ? raw : raw.subarray(0, len)).toString('utf8'),
      });
    };
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('close', done);
    // A reset after the answer is fine: `close` follows and the answer is judged on what arrived.
    sock.on('error', () => undefined);
    sock.end(bytes);
  });
}

const TARGETS = [
  { path: '/v1/auth/login', method: 'POST', dm: false },
  { path: '/v1/partner/devices:preprovision', method: 'POST', dm: false },
  { path: `/v1/customers/${DEMO.customer}/licenses`, method: 'PUT', dm: false },
  { path: `/v1/customers/${DEMO.customer}/devices/ASUSDEMO0001`, method: 'DELETE', dm: false },
  { path: '/v1/test/clock', method: 'POST', dm: false },
  { path: dmPath('policy', 'raw-client'), method: 'POST', dm: true },
];

/** Header-value bytes an HTTP/1.1 parser must refuse (CTLs other than HTAB). */
const BAD_HEADER_BYTE = fc.oneof(
  fc.integer({ min: 0x00, max: 0x08 }),
  fc.integer({ min: 0x0b, max: 0x1f }),
  fc.constant(0x7f),
);

describe('HTTP framing', () => {
  it('malformed requests on a raw socket → a 4xx JSON answer with error_message, nothing written', async () => {
    const body = '{"email":"admin@demo.example","password":"demo-password"}';
    const framing = fc.oneof(
      // a control byte inside the Authorization header (or another header)
      fc
        .tuple(fc.constantFrom('authorization', 'content-type', 'x-client'), BAD_HEADER_BYTE, fc.nat(20))
        .map(([name, b, i]) => {
          const v = Buffer.from(`Bearer ${'t'.repeat(i)}`);
          return [
            Buffer.from(`${name}: `),
            v.subarray(0, i),
            Buffer.from([b]),
            v.subarray(i),
            Buffer.from('\r\n'),
          ];
        }),
      // a header name with characters a token cannot hold
      fc
        .constantFrom('bad header: x\r\n', 'x(y): 1\r\n', '"q": 1\r\n', ': novalue\r\n', 'x\u0001y: 1\r\n')
        .map((h) => [Buffer.from(h, 'latin1')]),
      // conflicting or non-numeric content lengths
      fc
        .constantFrom(
          'content-length: 2\r\ncontent-length: 3\r\n',
          'content-length: -1\r\n',
          'content-length: 1x\r\n',
          'content-length: 0x10\r\n',
        )
        .map((h) => [Buffer.from(`content-type: application/json\r\n${h}`)]),
      // broken chunked encoding, and chunked with a content length
      fc
        .constantFrom('zz\r\n{}\r\n0\r\n\r\n', '2\r\n{}\r\n', '5\r\n{}\r\n0\r\n\r\n', '-1\r\n\r\n')
        .map((c) => [
          Buffer.from('content-type: application/json\r\ntransfer-encoding: chunked\r\n'),
          Buffer.from(`\u0000${c}`),
        ]),
      // headers larger than the server accepts
      fc.integer({ min: 20_000, max: 40_000 }).map((n) => [Buffer.from(`x-big: ${'a'.repeat(n)}\r\n`)]),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TARGETS), framing, async (t, parts) => {
        // A chunked body is sent after the blank line; everything else is an extra header.
        const last = parts[parts.length - 1];
        const chunked = last !== undefined && last[0] === 0;
        const headers = chunked ? parts.slice(0, -1) : parts;
        const tail = chunked && last !== undefined ? last.subarray(1) : Buffer.from(body);
        const hasLength = headers.some((h) => /content-length|transfer-encoding/i.test(h.toString('latin1')));
        const request = Buffer.concat([
          Buffer.from(`${t.method} ${t.path} HTTP/1.1\r\nhost: stub\r\nconnection: close\r\n`),
          ...headers,
          Buffer.from(
            hasLength
              ? ''
              : `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`,
          ),
          Buffer.from('\r\n'),
          tail,
        ]);
        const before = snapshot(s);
        const a = await rawExchange(request);
        const where = `${JSON.stringify(request.toString('latin1').slice(0, 300))} → ${a.status} ${a.body}`;
        expect(a.status, where).toBeGreaterThanOrEqual(400);
        expect(a.status, where).toBeLessThan(500);
        expect(a.headers['content-type'], where).toMatch(/^application\/json/);
        const answer = JSON.parse(a.body) as Record<string, unknown>;
        expect(typeof answer.error_message, where).toBe('string');
        if (t.dm) expect(answer.dm_status, where).toBe(dmStatusForHttp(a.status));
        else expect(typeof (answer.error_code ?? answer.dm_status), where).toBe('string');
        expect(snapshot(s), where).toEqual(before);
      }),
      { numRuns: 120 },
    );
  });
});
