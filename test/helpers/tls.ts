// The stub over HTTPS for tests (issue 17): a CA made once per file, server certificates minted per
// case (the right one, another CA's, the wrong host, expired, not yet valid), and counters of what
// reached the server: TLS sessions set up and HTTP requests received.

import { createStub, type Stub } from '../../server-stub/app.ts';
import { TestClock } from '../../server-stub/clock.ts';
import {
  createTlsCa,
  issueServerCertificate,
  type TlsCa,
  type TlsServerCertificate,
} from '../../server-stub/tls/mint.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface TlsStub {
  url: string;
  stub: Stub;
  /** HTTP requests the server received (any path), since it started. */
  requests(): number;
  close(): Promise<void>;
}

/** A stub serving HTTPS with `certificate` (memory database, demo seed, test hooks). */
export async function startTlsStub(certificate: TlsServerCertificate): Promise<TlsStub> {
  const stub = createStub({
    db: ':memory:',
    testHooks: true,
    clock: new TestClock('2025-06-02T09:00:00Z'),
    tls: { cert: certificate.chainPem, key: certificate.keyPem },
  });
  const url = await stub.listen(0);
  let requests = 0;
  stub.app.server.on('request', () => {
    requests++;
  });
  return { url, stub, requests: () => requests, close: () => stub.close() };
}

export interface TestPki {
  ca: TlsCa;
  other: TlsCa;
  /** For 127.0.0.1 and localhost, by `ca`. */
  good: TlsServerCertificate;
  otherCa: TlsServerCertificate;
  wrongHost: TlsServerCertificate;
  expired: TlsServerCertificate;
  notYetValid: TlsServerCertificate;
}

export async function testPki(): Promise<TestPki> {
  const ca = await createTlsCa('zte test server CA');
  const other = await createTlsCa('some other CA');
  const hosts = ['127.0.0.1', 'localhost'];
  const now = Date.now();
  return {
    ca,
    other,
    good: await issueServerCertificate(ca, { hosts }),
    otherCa: await issueServerCertificate(other, { hosts }),
    wrongHost: await issueServerCertificate(ca, { hosts: ['enroll.example.com'] }),
    expired: await issueServerCertificate(ca, {
      hosts,
      notBefore: new Date(now - 400 * DAY_MS),
      notAfter: new Date(now - DAY_MS),
    }),
    notYetValid: await issueServerCertificate(ca, {
      hosts,
      notBefore: new Date(now + 30 * DAY_MS),
      notAfter: new Date(now + 400 * DAY_MS),
    }),
  };
}
