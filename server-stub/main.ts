// CLI entry point of the server stub (npm run -s stub -- …). Prints exactly one JSON line
// {"url":"http://127.0.0.1:PORT"} on stdout once listening; everything else goes to stderr.
// Exit codes: 0 after SIGINT/SIGTERM (server and database closed), 2 usage or seed error, 1 otherwise.

import { createStub, type Stub } from './app.ts';
import { type CliOptions, parseCli, USAGE, UsageError } from './cli-args.ts';

function fail(code: number, message: string): never {
  process.stderr.write(`zte-stub: ${message}\n`);
  process.exit(code);
}

function isSeedError(e: unknown): boolean {
  return (e as { code?: unknown }).code === 'SEED_INVALID';
}

async function run(opts: CliOptions): Promise<void> {
  let stub: Stub;
  try {
    stub = createStub({ db: opts.db, seed: opts.seed, testHooks: opts.testHooks, logger: opts.log });
  } catch (e) {
    if (isSeedError(e)) fail(2, (e as Error).message);
    throw e;
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    stub.close().then(
      () => process.exit(0),
      (e: unknown) => fail(1, `error while stopping on ${signal}: ${String(e)}`),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const url = await stub.listen(opts.port, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ url })}\n`);
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
