// Whom a device trusts when it talks to its enrollment server (issue 17): the system store, the
// server CA a factory provisioned (`ROOT/etc/zte-agent/server-ca.pem`), the `--server-ca` bundle, and
// optional `--server-pin`s. Built once per boot; every HTTP call of the agent goes through it.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServerTrust, parsePemBundle, type ServerTrust } from '../dm-client/server-trust.ts';

/** Where a factory puts the enrollment server's CA on a device (under `--root`). */
export const FACTORY_SERVER_CA = 'etc/zte-agent/server-ca.pem';
/** The OS trust store of a Debian-like system (under `--root`). */
export const SYSTEM_CA_BUNDLE = 'etc/ssl/certs/ca-certificates.crt';

export interface DeviceTrustOptions {
  root: string;
  /** PEM texts of the CAs given on the command line (`--server-ca`, already read and checked). */
  serverCaPem?: readonly string[];
  /** `sha256/<base64>` pins (already checked). */
  pins?: readonly string[];
  /** Trust the system store too (default true). */
  systemStore?: boolean;
  onHandshake?: (event: { host: string; ms: number }) => void;
}

export interface DeviceTrust {
  trust: ServerTrust;
  /** What the trust was made of, for logs and diagnostics. */
  sources: string[];
  /** Files that were there but could not be used (reported, never fatal). */
  problems: string[];
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function loadDeviceTrust(options: DeviceTrustOptions): Promise<DeviceTrust> {
  const sources: string[] = [];
  const problems: string[] = [];
  const extra: string[] = [...(options.serverCaPem ?? [])];
  if (extra.length > 0) sources.push(`--server-ca (${extra.length} certificates)`);
  const factoryPath = join(options.root, FACTORY_SERVER_CA);
  try {
    const factory = await readOptional(factoryPath);
    if (factory !== null) {
      const certs = parsePemBundle(factory, factoryPath);
      extra.push(...certs);
      sources.push(`${factoryPath} (${certs.length} certificates)`);
    }
  } catch (error) {
    // A damaged provisioning file must not stop the boot: the server then fails as untrusted, and says so.
    problems.push(error instanceof Error ? error.message : String(error));
  }
  let systemBundlePem: string | undefined;
  if (options.systemStore !== false) {
    sources.push('system store');
    try {
      systemBundlePem = (await readOptional(join(options.root, SYSTEM_CA_BUNDLE))) ?? undefined;
    } catch (error) {
      problems.push(`${join(options.root, SYSTEM_CA_BUNDLE)}: ${String(error)}`);
    }
  }
  const trust = await createServerTrust({
    extraCaPem: extra,
    systemStore: options.systemStore !== false,
    ...(systemBundlePem !== undefined ? { systemBundlePem } : {}),
    pins: options.pins ?? [],
    ...(options.onHandshake ? { onHandshake: options.onHandshake } : {}),
  });
  if (trust.pins.length > 0) sources.push(`${trust.pins.length} pinned keys`);
  return { trust, sources, problems };
}

/** Loopback hosts, where plain http cannot be intercepted on the way. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
