// `npm start`: the whole story on one machine — the enrollment server stub in-process, a simulated
// device, and the agent with its web OOBE and terminal UI. Open the printed URL and press Alt+V.
// `--device pre-provisioned|not-pre-provisioned|no-licences|smart-board` picks the screen to see.
// The stub serves HTTPS with a demo CA made in `.zte-demo/tls/`; the device trusts it as a factory
// would provision it (`etc/zte-agent/server-ca.pem` in its tree). `--http` runs it in plain HTTP.

import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { serveUntilSignal } from '../../agent/cli/serve-ui.ts';
import { startTerminalUiFor } from '../../agent/cli/terminal-ui.ts';
import { startWebUiFor } from '../../agent/cli/web-ui.ts';
import { isLocale } from '../../agent/i18n/index.ts';
import { startAgent } from '../../agent/runtime/agent.ts';
import { createDeviceDeps } from '../../agent/runtime/create-deps.ts';
import { FACTORY_SERVER_CA, loadDeviceTrust } from '../../agent/runtime/device-trust.ts';
import { createStub } from '../../server-stub/app.ts';
import { ensureSelfSigned } from '../../server-stub/tls/self-signed.ts';
import { createStubClient } from '../devices/stub-client.ts';
import { DEMO_DEVICES, type DemoDevice, setUpDemoDevice } from './devices.ts';

const USAGE = `usage: npm start -- [--device ${DEMO_DEVICES.join('|')}] [--ui-port N] [--no-terminal] [--http] [--locale en|fr]`;

function options() {
  try {
    const { values } = parseArgs({
      options: {
        device: { type: 'string', default: 'pre-provisioned' },
        'ui-port': { type: 'string', default: '0' },
        'no-terminal': { type: 'boolean', default: false },
        http: { type: 'boolean', default: false },
        locale: { type: 'string' },
      },
    });
    const device = values.device ?? 'pre-provisioned';
    if (!(DEMO_DEVICES as readonly string[]).includes(device))
      throw new Error(`--device ${device}: not a demo device`);
    const port = Number(values['ui-port']);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`--ui-port ${values['ui-port']}: not a port`);
    // The screens' language, as `agent run --locale` (default: the device's own, from its VPD).
    const locale = values.locale;
    if (locale !== undefined && !isLocale(locale)) throw new Error(`--locale ${locale}: must be en or fr`);
    return {
      device: device as DemoDevice,
      port,
      terminal: !values['no-terminal'],
      tls: !values.http,
      ...(locale !== undefined ? { locale } : {}),
    };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
}

const opts = options();
const dir = resolve('.zte-demo');
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });

// TLS by default (issue 17): a demo CA and a certificate for 127.0.0.1, as `npm run stub -- --tls self-signed`.
const tlsFiles = opts.tls ? await ensureSelfSigned(join(dir, 'tls')) : null;
const stub = createStub({
  db: `${dir}/stub.sqlite`,
  testHooks: true,
  ...(tlsFiles !== null
    ? { tls: { cert: await readFile(tlsFiles.certFile), key: await readFile(tlsFiles.keyFile) } }
    : {}),
});
const server = await stub.listen(0);
const demoCa = tlsFiles !== null ? await readFile(tlsFiles.caFile, 'utf8') : undefined;
const setup = await setUpDemoDevice(
  opts.device,
  dir,
  createStubClient(server, demoCa !== undefined ? { ca: demoCa } : {}),
);
const logger = pino({ name: 'zte-demo', level: process.env.ZTE_LOG_LEVEL ?? 'warn' }, pino.destination(2));
// The device trusts the demo CA the way a factory provisions it: a file in its own tree.
if (tlsFiles !== null) {
  await mkdir(join(setup.deps.root, 'etc/zte-agent'), { recursive: true });
  await copyFile(tlsFiles.caFile, join(setup.deps.root, FACTORY_SERVER_CA));
}
const deviceTrust = tlsFiles !== null ? await loadDeviceTrust({ root: setup.deps.root }) : null;
const deps = createDeviceDeps({
  server,
  ...setup.deps,
  ...(deviceTrust !== null ? { trust: deviceTrust.trust } : {}),
});
const agent = await startAgent(deps, opts.locale !== undefined ? { locale: opts.locale } : {});
const web = await startWebUiFor(agent, deps, {
  port: opts.port,
  stateDir: setup.deps.stateDir ?? dir,
  root: setup.deps.root,
});

process.stdout.write(
  [
    '',
    `zte-agent demo — ${setup.story}`,
    `Enrollment server stub: ${server}${tlsFiles !== null ? ` (TLS; the device trusts ${tlsFiles.caFile})` : ''}`,
    `OOBE: ${web.url}`,
    'Open the OOBE URL in a browser and press Alt+V to see why the device is (or is not) enrolling.',
    opts.terminal
      ? 'The terminal UI follows below (Esc then v toggles diagnostics). Ctrl+C stops.'
      : 'Ctrl+C stops.',
    '',
  ].join('\n'),
);
const uis: Array<{ close(): unknown }> = [web];
if (opts.terminal)
  uis.push(await startTerminalUiFor(agent, deps, { root: setup.deps.root, output: process.stdout }));
const outcome = await serveUntilSignal(agent, uis, logger);
await agent.stop();
deviceTrust?.trust.destroy();
await stub.close();
process.stdout.write(
  `\nDemo stopped on: ${outcome.outcome}${outcome.reason ? ` (${outcome.reason})` : ''}\n`,
);
process.exit(0);
