// npm run -s interop -- --server URL [--proto FILE]
// Walks issue 12's interop checks with a client built only from FILE (default: our
// protocol/proto/device_management.proto; pass Chromium's device_management_backend.proto to check
// the stub against Chromium's own schema). The stub must run with --test-hooks and the demo seed.
// Exit 0 when every check passes, 1 when one fails, 2 on a usage error.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runInterop } from './flow.ts';
import { loadDmSchema } from './schema-client.ts';

const USAGE = 'usage: npm run -s interop -- --server URL [--proto FILE]';

async function main(): Promise<number> {
  let values: { server?: string; proto?: string };
  try {
    ({ values } = parseArgs({
      options: { server: { type: 'string' }, proto: { type: 'string' } },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  let server: URL;
  try {
    server = new URL(values.server ?? '');
    if (server.protocol !== 'http:' && server.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    process.stderr.write(`--server must be the stub's http(s) URL, e.g. http://127.0.0.1:8080\n${USAGE}\n`);
    return 2;
  }
  const protoPath = resolve(
    values.proto ?? resolve(import.meta.dirname, '../../protocol/proto/device_management.proto'),
  );
  let schema: ReturnType<typeof loadDmSchema>;
  try {
    schema = loadDmSchema(protoPath);
  } catch (e) {
    process.stderr.write(
      `cannot use ${protoPath} as the DM schema: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 2;
  }
  process.stdout.write(`schema: ${protoPath}\n`);
  const checks = await runInterop({
    server: server.href.replace(/\/+$/, ''),
    schema,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  return checks.length > 0 && checks.every((c) => c.ok) ? 0 : 1;
}

process.exitCode = await main();
