// The pieces of verified TLS (issue 17) that need no server: pins, the verification-code table, the
// mapping of a trust failure to a DmError and to Chromium's `lasterror`, the device's trust sources.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classifyDmError,
  createServerTrust,
  lastErrorOf,
  NET_ERROR,
  parsePemBundle,
  parseSpkiPin,
  ServerTrustError,
  spkiPinOfCertificate,
  TLS_ERROR_CODES,
} from '../../../agent/dm-client/index.ts';
import { tlsCodeForVerifyError } from '../../../agent/dm-client/server-trust.ts';
import { transportErrorToDmError } from '../../../agent/dm-client/transport-error.ts';
import { FACTORY_SERVER_CA, isLoopbackHost, loadDeviceTrust } from '../../../agent/runtime/device-trust.ts';
import { createTlsCa, type TlsCa } from '../../../server-stub/tls/mint.ts';

let ca: TlsCa;
let dir: string;
beforeAll(async () => {
  ca = await createTlsCa('unit CA');
  dir = await mkdtemp(join(tmpdir(), 'zte-trust-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SPKI pins', () => {
  it('accepts sha256/<base64 of 32 bytes> and gives it back canonical', () => {
    const pin = spkiPinOfCertificate(ca.certPem);
    expect(pin).toMatch(/^sha256\/[A-Za-z0-9+/]{43}=$/);
    expect(parseSpkiPin(` ${pin} `)).toBe(pin);
  });

  it.each([
    'md5/abc',
    'sha256/',
    'sha256/short',
    `sha256/${'A'.repeat(44)}x`,
    `sha256/${Buffer.alloc(31).toString('base64')}`,
  ])('refuses %j', (text) => {
    expect(() => parseSpkiPin(text)).toThrow(RangeError);
  });
});

describe('verification codes', () => {
  it.each([
    ['CERT_HAS_EXPIRED', 'tls-cert-expired'],
    ['CERT_NOT_YET_VALID', 'tls-cert-not-yet-valid'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls-wrong-host'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'tls-untrusted-issuer'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls-untrusted-issuer'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls-untrusted-issuer'],
    ['CERT_SIGNATURE_FAILURE', 'tls-untrusted-issuer'],
  ])('%s → %s', (cause, code) => {
    expect(tlsCodeForVerifyError(cause)).toBe(code);
  });

  it('a trust failure wrapped by got becomes a DmError with its code, cause code and certificate', () => {
    const certificate = {
      subject: 'CN=127.0.0.1',
      issuer: 'CN=someone',
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: '2027-01-01T00:00:00.000Z',
      subjectAltName: null,
      fingerprint256: 'AA',
      spkiPin: 'sha256/x',
    };
    const trust = new ServerTrustError(
      'tls-untrusted-issuer',
      'not trusted',
      'SELF_SIGNED_CERT_IN_CHAIN',
      certificate,
    );
    const wrapped = Object.assign(new Error('RequestError', { cause: trust }), {
      code: 'SELF_SIGNED_CERT_IN_CHAIN',
    });
    const dm = transportErrorToDmError(wrapped, 'enterprise_check', undefined);
    expect(dm).toMatchObject({
      code: 'tls-untrusted-issuer',
      causeCode: 'SELF_SIGNED_CERT_IN_CHAIN',
      certificate,
    });
    expect(classifyDmError(dm)).toBe('untrusted-server');
    expect(dm.toJSON()).toMatchObject({ certificate });
  });

  it("each TLS code tells the server Chromium's net error on the retry", () => {
    const net = (code: (typeof TLS_ERROR_CODES)[number]) =>
      lastErrorOf({ code, httpStatus: null, causeCode: null });
    expect(TLS_ERROR_CODES.map(net)).toEqual([
      NET_ERROR.ERR_CERT_AUTHORITY_INVALID,
      NET_ERROR.ERR_CERT_COMMON_NAME_INVALID,
      NET_ERROR.ERR_CERT_DATE_INVALID,
      NET_ERROR.ERR_CERT_DATE_INVALID,
      NET_ERROR.ERR_SSL_PINNED_KEY_NOT_IN_CERT_CHAIN,
      NET_ERROR.ERR_SSL_PROTOCOL_ERROR,
    ]);
  });
});

describe('trust sources', () => {
  it('a PEM bundle must hold parseable certificates', () => {
    expect(parsePemBundle(`junk\n${ca.certPem}\n${ca.certPem}`, 'f')).toHaveLength(2);
    expect(() => parsePemBundle('no certificate here', 'f')).toThrow(/no PEM certificate/);
    expect(() => parsePemBundle('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', 'f')).toThrow(
      /does not parse/,
    );
  });

  it('the system store is there unless turned off, plus the extra CAs', async () => {
    const withSystem = await createServerTrust({ extraCaPem: [ca.certPem] });
    const alone = await createServerTrust({ extraCaPem: [ca.certPem], systemStore: false });
    expect(withSystem.caCount).toBeGreaterThan(50);
    expect(alone.caCount).toBe(1);
    withSystem.destroy();
    alone.destroy();
  });

  it("a factory's server-ca.pem is used; a damaged one is reported, not fatal", async () => {
    const good = join(dir, 'good');
    await mkdir(join(good, 'etc/zte-agent'), { recursive: true });
    await writeFile(join(good, FACTORY_SERVER_CA), ca.certPem);
    const a = await loadDeviceTrust({ root: good, systemStore: false });
    expect(a.trust.extraCaCount).toBe(1);
    expect(a.problems).toEqual([]);
    a.trust.destroy();
    const bad = join(dir, 'bad');
    await mkdir(join(bad, 'etc/zte-agent'), { recursive: true });
    await writeFile(join(bad, FACTORY_SERVER_CA), 'not a certificate');
    const b = await loadDeviceTrust({ root: bad, systemStore: false });
    expect(b.trust.extraCaCount).toBe(0);
    expect(b.problems).toEqual([expect.stringContaining('server-ca.pem')]);
    b.trust.destroy();
  });

  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['localhost', true],
    ['[::1]', true],
    ['10.0.0.1', false],
    ['enroll.example', false],
    ['localhost.example', false],
  ])('loopback %s: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
