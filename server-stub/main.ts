// CLI entry point of the server stub (npm run -s stub -- …). Prints exactly one JSON line
// {"url":"http://127.0.0.1:PORT"} on stdout once listening ({"url":"https://127.0.0.1:PORT"} with
// --tls-cert/--tls-key, {"url":"https://…","ca_file":"…"} with --tls self-signed); everything else
// goes to stderr.
// Exit codes: 0 after SIGINT/SIGTERM (server and database closed), 2 usage or seed error, 1 otherwise.

import { readFile, rm } from 'node:fs/promises';
import { createStub, type Stub } from './app.ts';
import { type CliOptions, parseCli, USAGE, UsageError } from './cli-args.ts';
import { SeedError } from './seed/check.ts';
import { ensureSelfSigned, selfSignedDir } from './tls/self-signed.ts';

interface TlsSetup {
  material: { cert: Buffer; key: Buffer };
  /** The CA a device must trust: only for --tls self-signed. */
  caFile: string | null;
  /** A temporary directory to remove on exit (--tls self-signed with a :memory: database). */
  tempDir: string | null;
}

/** Reads --tls-cert/--tls-key, or makes (reuses) the self-signed CA and certificate. Exit 2 when unreadable. */
async function tlsSetup(opts: CliOptions): Promise<TlsSetup | null> {
  switch (opts.tls.kind) {
    case 'none':
      return null;
    case 'files': {
      const read = async (flag: string, file: string) => {
        try {
          return await readFile(file);
        } catch (e) {
          return fail(2, `${flag} ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
        }
      };
      const cert = await read('--tls-cert', opts.tls.certFile);
      const key = await read('--tls-key', opts.tls.keyFile);
      return { material: { cert, key }, caFile: null, tempDir: null };
    }
    case 'self-signed': {
      const files = await ensureSelfSigned(await selfSignedDir(opts.db));
      return {
        material: { cert: await readFile(files.certFile), key: await readFile(files.keyFile) },
        caFile: files.caFile,
        tempDir: opts.db === ':memory:' ? files.dir : null,
      };
    }
  }
}

function fail(code: number, message: string): never {
  process.stderr.write(`zte-stub: ${message}\n`);
  process.exit(code);
}

async function run(opts: CliOptions): Promise<void> {
  const tls = await tlsSetup(opts);
  let stub: Stub;
  try {
    stub = createStub({
      db: opts.db,
      seed: opts.seed,
      testHooks: opts.testHooks,
      logger: opts.log,
      ...(tls !== null ? { tls: tls.material } : {}),
    });
  } catch (e) {
    if (e instanceof SeedError) fail(2, e.message);
    // A certificate and key that do not fit together, or are not PEM.
    if (
      tls !== null &&
      typeof (e as { code?: unknown }).code === 'string' &&
      /^ERR_(OSSL|SSL|CRYPTO)/.test((e as { code: string }).code)
    )
      fail(2, `--tls-cert/--tls-key: ${(e as Error).message}`);
    throw e;
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    stub
      .close()
      .then(() => (tls?.tempDir ? rm(tls.tempDir, { recursive: true, force: true }) : undefined))
      .then(
        () => process.exit(0),
        (e: unknown) => fail(1, `error while stopping on ${signal}: ${String(e)}`),
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const url = await stub.listen(opts.port, '127.0.0.1');
  process.stdout.write(`${JSON.stringify(tls?.caFile ? { url, ca_file: tls.caFile } : { url })}\n`);
  process.stderr.write(`zte-stub: listening on ${url} (pid ${process.pid}, database ${opts.db})\n`);
}

let opts: CliOptions;
try {
  opts = parseCli(process.argv.slice(2), process.cwd());
} catch (e) {
  if (e instanceof UsageError) fail(2, `${e.message}\n${USAGE}`);
  throw e;
}
if (opts.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
run(opts).catch((e: unknown) => fail(1, e instanceof Error ? e.message : String(e)));
