// Command line of the stub: `npm run -s stub -- [--port N] [--db FILE|:memory:] [--seed FILE] [--test-hooks]
// [--tls self-signed | --tls-cert FILE --tls-key FILE]`.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const USAGE = `usage: npm run -s stub -- [--port N] [--db FILE|:memory:] [--seed FILE] [--test-hooks] [--log]
                        [--tls self-signed | --tls-cert FILE --tls-key FILE]
  --port N        TCP port on 127.0.0.1 (default 0: any free port)
  --db FILE       SQLite database file, or :memory: (default .zte-stub/stub.sqlite in the working directory)
  --seed FILE     seed JSON applied to a fresh database (default server-stub/fixtures/demo.json)
  --test-hooks    enable /v1/test/* (faults, clock, factory)
  --log           request logs (JSON) on stderr
  --tls-cert FILE --tls-key FILE
                  serve HTTPS with this certificate chain (PEM, server certificate first) and key
  --tls self-signed
                  serve HTTPS with a CA and a certificate for 127.0.0.1/localhost made (once) in tls/
                  beside the database (a temporary directory for :memory:, removed on exit)
Prints {"url":"http://127.0.0.1:PORT"} on stdout once listening ({"url":"https://…","ca_file":"…"} with
--tls self-signed: the CA file a device must trust); SIGINT/SIGTERM stop it cleanly.`;

export const DEFAULT_DB = '.zte-stub/stub.sqlite';

export interface CliOptions {
  port: number;
  db: string;
  seed: string | undefined;
  testHooks: boolean;
  log: boolean;
  help: boolean;
  /** HTTPS: none (plain HTTP), a certificate and key given, or a self-signed CA made by the stub. */
  tls: TlsChoice;
}

export type TlsChoice =
  | { kind: 'none' }
  | { kind: 'files'; certFile: string; keyFile: string }
  | { kind: 'self-signed' };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function port(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`--port must be an integer from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} needs a value`);
  return value;
}

export function parseCli(argv: readonly string[], cwd: string): CliOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const db = nonEmpty('--db', v.db) ?? resolve(cwd, DEFAULT_DB);
  const seed = nonEmpty('--seed', v.seed);
  const certFile = nonEmpty('--tls-cert', v['tls-cert']);
  const keyFile = nonEmpty('--tls-key', v['tls-key']);
  let tls: TlsChoice = { kind: 'none' };
  if (v.tls !== undefined) {
    if (v.tls !== 'self-signed')
      throw new UsageError(`--tls must be "self-signed", got ${JSON.stringify(v.tls)}`);
    if (certFile !== undefined || keyFile !== undefined)
      throw new UsageError('--tls self-signed and --tls-cert/--tls-key are exclusive');
    tls = { kind: 'self-signed' };
  } else if (certFile !== undefined || keyFile !== undefined) {
    if (certFile === undefined || keyFile === undefined)
      throw new UsageError('--tls-cert and --tls-key go together');
    tls = { kind: 'files', certFile: resolve(cwd, certFile), keyFile: resolve(cwd, keyFile) };
  }
  return {
    port: port(v.port),
    db: db === ':memory:' ? db : resolve(cwd, db),
    seed: seed === undefined ? undefined : resolve(cwd, seed),
    testHooks: v['test-hooks'] === true,
    log: v.log === true,
    help: v.help === true,
    tls,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      db: { type: 'string' },
      seed: { type: 'string' },
      'test-hooks': { type: 'boolean' },
      log: { type: 'boolean' },
      tls: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
