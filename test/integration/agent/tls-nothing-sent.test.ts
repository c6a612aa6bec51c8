// Proof that a server failing TLS verification receives nothing (issue 17): a raw TLS server records
// every byte it decrypts. The agent handshakes with it (so it sees the certificate and can name it)
// but writes no HTTP at all — no request line, no header, no body — for any call of
// the DM client or of the other HTTP calls (login, SMART, server time). The same server given the
// trusted certificate does receive the request: the counter can fail.

import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDmClient,
  createServerTrust,
  type DmError,
  type ServerTrust,
  spkiPinOfCertificate,
} from '../../../agent/dm-client/index.ts';
import { createEnrollmentHttp, type EnrollmentHttpError } from '../../../agent/runtime/enrollment-http.ts';
import type { TlsServerCertificate } from '../../../server-stub/tls/mint.ts';
import { type TestPki, testPki } from '../../helpers/tls.ts';

interface Recorder {
  url: string;
  /** TCP connections accepted. */
  connections(): number;
  /** Application bytes received, decrypted. */
  received(): Buffer;
  close(): Promise<void>;
}

/** A TLS server that answers nothing and keeps every decrypted byte. */
async function recorder(certificate: TlsServerCertificate): Promise<Recorder> {
  const chunks: Buffer[] = [];
  let connections = 0;
  const server = tls.createServer({ key: certificate.keyPem, cert: certificate.chainPem }, (socket) => {
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      // Answer like an HTTP server, so a trusted client's call ends.
      socket.end('HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    });
    socket.on('error', () => undefined);
  });
  server.on('tlsClientError', () => undefined);
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `https://127.0.0.1:${port}`,
    connections: () => connections,
    received: () => Buffer.concat(chunks),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let pki: TestPki;
beforeAll(async () => {
  pki = await testPki();
});

const trusts: ServerTrust[] = [];
afterAll(() => {
  for (const t of trusts) t.destroy();
});
async function trustOf(options: Parameters<typeof createServerTrust>[0]): Promise<ServerTrust> {
  const t = await createServerTrust(options);
  trusts.push(t);
  return t;
}

/** Every HTTP call the agent makes, against `url` with `trust`; the codes they failed with. */
async function everyCall(url: string, trust: ServerTrust): Promise<string[]> {
  const dm = createDmClient({ serverUrl: url, deviceId: 'tls-proof-device', trust });
  const http = createEnrollmentHttp(url, { trust });
  const codes: string[] = [];
  const code = (e: unknown) => codes.push((e as DmError | EnrollmentHttpError).code);
  await dm
    .certificateBasedRegister({
      data: new Uint8Array(64),
      signature: new Uint8Array(64),
      extraDataBytes: 32,
    } as never)
    .catch(code);
  await dm.enterpriseCheck({ remainder: 3n, modulus: 16n }).catch(code);
  await dm.policy('dm-token-secret').catch(code);
  await http.login('admin@demo.example', 'demo-password').catch(code);
  await http.smartCheckin({ serial_number: 'SBID123', model_number: 'sbid-mx065-v2' }).catch(code);
  expect(await http.serverTime()).toBeNull();
  return codes;
}

describe('nothing is sent to a server that fails verification', () => {
  const cases: Array<[string, keyof TestPki, boolean, string]> = [
    ['another CA', 'otherCa', false, 'tls-untrusted-issuer'],
    ['the wrong host', 'wrongHost', false, 'tls-wrong-host'],
    ['an expired certificate', 'expired', false, 'tls-cert-expired'],
    ['a certificate not valid yet', 'notYetValid', false, 'tls-cert-not-yet-valid'],
    ['the right chain but another key than the pinned one', 'good', true, 'tls-pin-mismatch'],
  ];

  it.each(cases)('%s: handshake done, no byte of HTTP received', async (_name, which, pinned, expected) => {
    const server = await recorder(pki[which] as TlsServerCertificate);
    try {
      const trust = await trustOf({
        extraCaPem: [pki.ca.certPem],
        ...(pinned ? { pins: [spkiPinOfCertificate(pki.other.certPem)] } : {}),
      });
      const codes = await everyCall(server.url, trust);
      expect(codes).toEqual([expected, expected, expected, expected, expected]);
      // Every call reached the server and saw its certificate (the codes name it), and wrote nothing.
      expect(server.connections()).toBeGreaterThanOrEqual(6);
      expect(server.received().length).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('the same server, trusted, does receive the requests (the counter works)', async () => {
    const server = await recorder(pki.good);
    try {
      const trust = await trustOf({ extraCaPem: [pki.ca.certPem] });
      await everyCall(server.url, trust);
      const text = server.received().toString('latin1');
      expect(text).toContain('POST /device_management?request=certificate_based_register');
      expect(text).toContain('POST /v1/auth/login');
    } finally {
      await server.close();
    }
  });
});
