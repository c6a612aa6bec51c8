// `--tls self-signed`: a CA and a server certificate for 127.0.0.1 and localhost, kept in the stub's
// data directory (`tls/` beside the database; a temporary directory for `:memory:`). Kept across
// restarts, so a device given `ca.pem` once keeps trusting the stub: the CA is made once, and the
// server certificate is issued again from it only when it is missing, unusable or near its end.

import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createTlsCa, issueServerCertificate, type TlsCa } from './mint.ts';

export const SELF_SIGNED_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

export interface SelfSignedFiles {
  dir: string;
  /** The CA certificate a device must trust (`agent run --server-ca`, or `etc/zte-agent/server-ca.pem`). */
  caFile: string;
  /** The server certificate then the CA: what the stub presents. */
  certFile: string;
  keyFile: string;
}

const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

function usable(certPem: string | null, hosts: readonly string[], caPem: string): boolean {
  if (certPem === null) return false;
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    const now = Date.now();
    return (
      cert.verify(ca.publicKey) &&
      Date.parse(cert.validFrom) <= now &&
      Date.parse(cert.validTo) - now > RENEW_BEFORE_MS &&
      hosts.every((h) => (isIP(h) !== 0 ? cert.checkIP(h) : cert.checkHost(h)) !== undefined)
    );
  } catch {
    return false;
  }
}

/** Where `--tls self-signed` keeps its files for a database path (or a fresh temp dir for `:memory:`). */
export async function selfSignedDir(db: string): Promise<string> {
  if (db === ':memory:') return mkdtemp(join(tmpdir(), 'zte-stub-tls-'));
  return join(dirname(db), 'tls');
}

/** Makes (or reuses) the CA and server certificate in `dir`. */
export async function ensureSelfSigned(dir: string): Promise<SelfSignedFiles> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files = {
    dir,
    caFile: join(dir, 'ca.pem'),
    caKeyFile: join(dir, 'ca-key.pem'),
    certFile: join(dir, 'server.pem'),
    keyFile: join(dir, 'server-key.pem'),
  };
  const caPem = await readText(files.caFile);
  const caKeyPem = await readText(files.caKeyFile);
  let ca: TlsCa;
  let caValid = false;
  if (caPem !== null && caKeyPem !== null) {
    try {
      const cert = new X509Certificate(caPem);
      caValid = cert.ca && Date.parse(cert.validTo) - Date.now() > RENEW_BEFORE_MS;
    } catch {
      caValid = false;
    }
  }
  if (caValid && caPem !== null && caKeyPem !== null) {
    ca = { name: 'zte-stub local CA', certPem: caPem, keyPem: caKeyPem };
  } else {
    ca = await createTlsCa('zte-stub local CA');
    await writeFile(files.caKeyFile, ca.keyPem, { mode: 0o600 });
    await writeFile(files.caFile, ca.certPem, { mode: 0o644 });
  }
  const current = await readText(files.certFile);
  const key = await readText(files.keyFile);
  if (!caValid || key === null || !usable(current, SELF_SIGNED_HOSTS, ca.certPem)) {
    const issued = await issueServerCertificate(ca, { hosts: SELF_SIGNED_HOSTS });
    await writeFile(files.keyFile, issued.keyPem, { mode: 0o600 });
    await writeFile(files.certFile, issued.chainPem, { mode: 0o644 });
  }
  await chmod(files.caKeyFile, 0o600);
  return { dir, caFile: files.caFile, certFile: files.certFile, keyFile: files.keyFile };
}
