// Verified TLS to the enrollment server (issue 17). One `ServerTrust` per device: the CAs it trusts
// (the system store plus the server CA a factory or `--server-ca` provides), optional SPKI pins, and
// the https.Agent every HTTP call of the agent goes through (DM client and enrollment-http alike).
//
// The agent's sockets are verified *before* HTTP ever sees them: `createConnection` completes the TLS
// handshake, checks the chain, the host name and the pins, and only then hands the socket to the
// request. A server that fails verification therefore never receives a byte of HTTP (no request line,
// no header, no body) — whatever order Node's TLS layer flushes data in. A failure is a
// `ServerTrustError` with a stable code and a summary of the certificate that was presented.

import { createHash, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls, { type DetailedPeerCertificate, type TLSSocket } from 'node:tls';

/** Why the server could not be trusted. Stable codes: the machine, UI and tests test these. */
export type TlsErrorCode =
  /** The chain does not lead to a trusted CA (another CA, self-signed, a forged copy, a broken chain). */
  | 'tls-untrusted-issuer'
  /** The certificate is not for the host name (or IP address) the agent asked for. */
  | 'tls-wrong-host'
  /** The certificate (or one of its chain) has expired by the device's clock. */
  | 'tls-cert-expired'
  /** The certificate is not valid yet by the device's clock: the clock is behind. */
  | 'tls-cert-not-yet-valid'
  /** The chain verified, but no key in it matches a `--server-pin`. */
  | 'tls-pin-mismatch'
  /** No TLS session could be set up: the other end does not speak TLS (a plain-HTTP downgrade, a portal) or refused it. */
  | 'tls-handshake-failed';

export const TLS_ERROR_CODES: readonly TlsErrorCode[] = [
  'tls-untrusted-issuer',
  'tls-wrong-host',
  'tls-cert-expired',
  'tls-cert-not-yet-valid',
  'tls-pin-mismatch',
  'tls-handshake-failed',
];

/** What diagnostics show of the certificate the server presented (the leaf). */
export interface CertificateSummary {
  subject: string;
  issuer: string;
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  /** e.g. `DNS:localhost, IP Address:127.0.0.1`; null when absent. */
  subjectAltName: string | null;
  /** SHA-256 of the DER certificate, hex with colons (as OpenSSL prints it). */
  fingerprint256: string;
  /** `sha256/<base64>` of its SubjectPublicKeyInfo: what `--server-pin` takes. */
  spkiPin: string;
}

export class ServerTrustError extends Error {
  override readonly name = 'ServerTrustError';
  constructor(
    readonly code: TlsErrorCode,
    message: string,
    /** The TLS layer's own code (`UNABLE_TO_GET_ISSUER_CERT_LOCALLY`, `ERR_SSL_WRONG_VERSION_NUMBER`, …). */
    readonly causeCode: string | null,
    /** The certificate presented; null when the handshake failed before one was seen. */
    readonly certificate: CertificateSummary | null,
  ) {
    super(message);
  }
}

export function isServerTrustError(error: unknown): error is ServerTrustError {
  return error instanceof ServerTrustError;
}

/** The ServerTrustError a got/Node error wraps (got's RequestError keeps it as `cause`), if any. */
export function serverTrustErrorIn(error: unknown): ServerTrustError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && current !== undefined; depth++) {
    if (current instanceof ServerTrustError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

// OpenSSL verification results (X509_V_ERR_* names as Node reports them) by what they mean.
const VERIFY_CODE: Readonly<Record<string, TlsErrorCode>> = {
  CERT_HAS_EXPIRED: 'tls-cert-expired',
  CERT_NOT_YET_VALID: 'tls-cert-not-yet-valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls-wrong-host',
};

/** A code for a verification failure (`socket.authorizationError`): anything else about the chain is an untrusted issuer. */
export function tlsCodeForVerifyError(causeCode: string): TlsErrorCode {
  return VERIFY_CODE[causeCode] ?? 'tls-untrusted-issuer';
}

/** True for errors of the TLS layer itself (not TCP: refused, reset and time-outs stay network errors). */
function isTlsLayerError(code: string | null): boolean {
  return code !== null && (code === 'EPROTO' || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'));
}

const PIN_PREFIX = 'sha256/';

/** `sha256/<base64 of 32 bytes>` → the canonical pin; throws RangeError otherwise. */
export function parseSpkiPin(text: string): string {
  const value = text.trim();
  if (!value.startsWith(PIN_PREFIX)) throw new RangeError(`${text}: a pin is sha256/<base64>`);
  const b64 = value.slice(PIN_PREFIX.length);
  const bytes = Buffer.from(b64, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || bytes.length !== 32)
    throw new RangeError(`${text}: the pin is not the base64 of a SHA-256 digest (32 bytes)`);
  return `${PIN_PREFIX}${bytes.toString('base64')}`;
}

/** The pin of a DER SubjectPublicKeyInfo. */
export function spkiPinOf(spkiDer: Uint8Array): string {
  return `${PIN_PREFIX}${createHash('sha256').update(spkiDer).digest('base64')}`;
}

/** The pin of a PEM certificate's public key (for people provisioning `--server-pin`). */
export function spkiPinOfCertificate(pem: string | Buffer): string {
  const cert = new X509Certificate(pem);
  return spkiPinOf(cert.publicKey.export({ type: 'spki', format: 'der' }));
}

function iso(text: string | undefined): string {
  const t = Date.parse(text ?? '');
  return Number.isNaN(t) ? String(text ?? '') : new Date(t).toISOString();
}

function dn(name: unknown): string {
  if (typeof name !== 'object' || name === null) return '';
  return Object.entries(name as Record<string, unknown>)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
}

export function summarizePeerCertificate(cert: DetailedPeerCertificate | null): CertificateSummary | null {
  if (cert === null || typeof cert !== 'object' || cert.raw === undefined) return null;
  return {
    subject: dn(cert.subject),
    issuer: dn(cert.issuer),
    validFrom: iso(cert.valid_from),
    validTo: iso(cert.valid_to),
    subjectAltName: cert.subjectaltname ?? null,
    fingerprint256: cert.fingerprint256 ?? '',
    spkiPin: pinOfPeer(cert),
  };
}

/** The pin of a presented certificate (`pubkey` is not a SubjectPublicKeyInfo for every key type). */
function pinOfPeer(cert: DetailedPeerCertificate): string {
  try {
    return spkiPinOf(new X509Certificate(cert.raw).publicKey.export({ type: 'spki', format: 'der' }));
  } catch {
    return '';
  }
}

/** Every certificate of the presented chain, leaf first (a self-signed root points at itself). */
function chainOf(leaf: DetailedPeerCertificate): DetailedPeerCertificate[] {
  const chain: DetailedPeerCertificate[] = [];
  let cert: DetailedPeerCertificate | undefined = leaf;
  while (cert !== undefined && cert.raw !== undefined && chain.length < 16) {
    chain.push(cert);
    if (cert.issuerCertificate === cert) break;
    cert = cert.issuerCertificate;
  }
  return chain;
}

function describe(
  code: TlsErrorCode,
  host: string,
  causeCode: string | null,
  cert: CertificateSummary | null,
) {
  const what: Record<TlsErrorCode, string> = {
    'tls-untrusted-issuer': `the certificate of ${host} is not issued by a CA this device trusts`,
    'tls-wrong-host': `the certificate presented is not for ${host}`,
    'tls-cert-expired': `the certificate of ${host} has expired`,
    'tls-cert-not-yet-valid': `the certificate of ${host} is not valid yet by the device clock`,
    'tls-pin-mismatch': `the key of ${host} does not match the pinned key`,
    'tls-handshake-failed': `no TLS session could be set up with ${host}`,
  };
  const parts = [what[code]];
  if (causeCode !== null) parts.push(`(${causeCode})`);
  if (cert !== null)
    parts.push(
      `— subject ${cert.subject}; issuer ${cert.issuer}; valid ${cert.validFrom} to ${cert.validTo}`,
    );
  return parts.join(' ');
}

export interface ServerTrustOptions {
  /** Extra trusted CAs: the PEM texts of `--server-ca` and the factory's `etc/zte-agent/server-ca.pem`. */
  extraCaPem?: readonly string[];
  /**
   * Also trust the system store (default true): Node's own roots (plus NODE_EXTRA_CA_CERTS) and, when
   * given, the OS bundle's PEM text (`/etc/ssl/certs/ca-certificates.crt` on Debian).
   */
  systemStore?: boolean;
  systemBundlePem?: string;
  /** Accepted SPKI pins (`sha256/<base64>`): when any is given, some key of the verified chain must match one. */
  pins?: readonly string[];
  /** TCP connect + TLS handshake must end within this (default 20 s: the DM client's connect + secureConnect). */
  handshakeTimeoutMs?: number;
  /** Called after each verified handshake (the bench's handshake figure). */
  onHandshake?: (event: { host: string; ms: number }) => void;
}

export interface ServerTrust {
  /** Give this to got as `agent.https`: it hands over only sockets that passed verification. */
  readonly agent: https.Agent;
  /** How many CA certificates are trusted in all, and how many of them are extra (not the system's). */
  readonly caCount: number;
  readonly extraCaCount: number;
  readonly pins: readonly string[];
  /** Closes idle sockets and aborts handshakes in progress. */
  destroy(): void;
}

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The certificates of a PEM bundle; throws RangeError when there is none or one does not parse. */
export function parsePemBundle(text: string, origin: string): string[] {
  const blocks = text.match(CERT_BLOCK) ?? [];
  if (blocks.length === 0) throw new RangeError(`${origin}: no PEM certificate in it`);
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new RangeError(
        `${origin}: certificate ${i + 1} does not parse (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  return blocks;
}

/** Reads a PEM bundle file; throws RangeError (unreadable, or not a bundle) with the path. */
export async function readPemBundle(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new RangeError(`${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parsePemBundle(text, path);
}

async function envExtraCas(): Promise<string[]> {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (file === undefined || file === '') return [];
  try {
    return (await readFile(file, 'utf8')).match(CERT_BLOCK) ?? [];
  } catch {
    return []; // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS.
  }
}

/** The native context of a SecureContext: Node's `addCACert` adds to a copy of its shared root store. */
interface NativeContext {
  addCACert?: (pem: string) => void;
}

/**
 * A secure context trusting Node's default store (its bundled roots, NODE_EXTRA_CA_CERTS, and the OS
 * store under --use-openssl-ca / --use-system-ca) plus `extra`. Node keeps its roots parsed once per
 * process, and adding to a context copies that store cheaply; passing every root as `ca` would parse
 * them all again for each device (~60 ms each here). Falls back to `ca` where the native handle differs.
 */
async function contextWithDefaults(
  extra: readonly string[],
): Promise<{ context: tls.SecureContext; count: number }> {
  const context = tls.createSecureContext();
  const native = (context as unknown as { context?: NativeContext }).context;
  if (typeof native?.addCACert === 'function') {
    for (const pem of extra) native.addCACert(pem);
    return { context, count: tls.rootCertificates.length + extra.length };
  }
  const ca = [...tls.rootCertificates, ...(await envExtraCas()), ...extra];
  return { context: tls.createSecureContext({ ca }), count: ca.length };
}

export async function createServerTrust(options: ServerTrustOptions = {}): Promise<ServerTrust> {
  const extra = [...new Set(options.extraCaPem ?? [])];
  // One secure context for every connection of this device: the CAs are loaded once, not per socket.
  let secureContext: tls.SecureContext;
  let caCount: number;
  if (options.systemStore === false) {
    secureContext = tls.createSecureContext({ ca: extra });
    caCount = extra.length;
  } else {
    const osBundle = options.systemBundlePem?.match(CERT_BLOCK) ?? [];
    ({ context: secureContext, count: caCount } = await contextWithDefaults([...osBundle, ...extra]));
  }
  const pins = (options.pins ?? []).map(parseSpkiPin);
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 20_000;
  const pending = new Set<TLSSocket>();

  // No TLS session cache: every connection is verified in full (a resumed session skips the host check).
  const agent = new https.Agent({ keepAlive: true, maxCachedSessions: 0 });
  const connect = (connectOptions: https.RequestOptions & tls.ConnectionOptions, done: Done) => {
    const host = String(connectOptions.servername || connectOptions.host || connectOptions.hostname || '');
    const started = performance.now();
    const socket = tls.connect({
      ...connectOptions,
      secureContext,
      // Verification is ours, below: Node must let the handshake finish so the certificate can be
      // reported. Nothing is written on this socket before it passes.
      rejectUnauthorized: false,
    });
    pending.add(socket);
    let finished = false;
    const finish = (error: Error | null) => {
      if (finished) return;
      finished = true;
      pending.delete(socket);
      socket.setTimeout(0);
      socket.off('error', onError);
      if (error !== null) {
        socket.destroy();
        done(error, undefined);
      } else {
        done(null, socket);
      }
    };
    const onError = (error: NodeJS.ErrnoException) => {
      const code = typeof error.code === 'string' ? error.code : null;
      if (isTlsLayerError(code)) {
        finish(
          new ServerTrustError(
            'tls-handshake-failed',
            describe('tls-handshake-failed', host, code, null),
            code,
            null,
          ),
        );
      } else finish(error);
    };
    socket.on('error', onError);
    socket.setTimeout(handshakeTimeoutMs, () =>
      finish(
        Object.assign(new Error(`no TLS session with ${host} within ${handshakeTimeoutMs} ms`), {
          code: 'ETIMEDOUT',
        }),
      ),
    );
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate(true) as DetailedPeerCertificate | null;
      const summary = summarizePeerCertificate(peer);
      if (!socket.authorized) {
        const causeCode = String(socket.authorizationError ?? 'UNKNOWN');
        const code = tlsCodeForVerifyError(causeCode);
        finish(new ServerTrustError(code, describe(code, host, causeCode, summary), causeCode, summary));
        return;
      }
      if (pins.length > 0) {
        const keys = peer === null ? [] : chainOf(peer).map(pinOfPeer);
        if (!keys.some((k) => pins.includes(k))) {
          finish(
            new ServerTrustError(
              'tls-pin-mismatch',
              describe('tls-pin-mismatch', host, null, summary),
              null,
              summary,
            ),
          );
          return;
        }
      }
      options.onHandshake?.({ host, ms: performance.now() - started });
      finish(null);
    });
  };
  // http.Agent calls createConnection(options, callback) and waits for the callback when it returns
  // nothing: the request gets the socket only once it is verified.
  (
    agent as unknown as { createConnection: (o: https.RequestOptions, done: Done) => undefined }
  ).createConnection = (connectOptions, done) => {
    connect(connectOptions as https.RequestOptions & tls.ConnectionOptions, done);
    return undefined;
  };

  return {
    agent,
    caCount,
    extraCaCount: extra.length,
    pins,
    destroy() {
      for (const socket of pending) socket.destroy();
      pending.clear();
      agent.destroy();
    },
  };
}

type Done = (error: Error | null, socket: Duplex | undefined) => void;
