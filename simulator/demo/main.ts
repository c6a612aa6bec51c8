// `npm start`: the whole story on one machine — the enrollment server stub in-process, a simulated
// device, and the agent with its web OOBE and terminal UI. Open the printed URL and press Alt+V.
// `--device pre-provisioned|not-pre-provisioned|no-licences|smart-board` picks the screen to see.

import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { serveUntilSignal } from '../../agent/cli/serve-ui.ts';
import { startTerminalUiFor } from '../../agent/cli/terminal-ui.ts';
import { startWebUiFor } from '../../agent/cli/web-ui.ts';
import { startAgent } from '../../agent/runtime/agent.ts';
import { createDeviceDeps } from '../../agent/runtime/create-deps.ts';
import { createStub } from '../../server-stub/app.ts';
import { createStubClient } from '../devices/stub-client.ts';
import { DEMO_DEVICES, type DemoDevice, setUpDemoDevice } from './devices.ts';

const USAGE = `usage: npm start -- [--device ${DEMO_DEVICES.join('|')}] [--ui-port N] [--no-terminal]`;

function options() {
  try {
    const { values } = parseArgs({
      options: {
        device: { type: 'string', default: 'pre-provisioned' },
        'ui-port': { type: 'string', default: '0' },
        'no-terminal': { type: 'boolean', default: false },
      },
    });
    const device = values.device ?? 'pre-provisioned';
    if (!(DEMO_DEVICES as readonly string[]).includes(device))
      throw new Error(`--device ${device}: not a demo device`);
    const port = Number(values['ui-port']);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`--ui-port ${values['ui-port']}: not a port`);
    return { device: device as DemoDevice, port, terminal: !values['no-terminal'] };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
}

const opts = options();
const dir = resolve('.zte-demo');
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });

const stub = createStub({ db: `${dir}/stub.sqlite`, testHooks: true });
const server = await stub.listen(0);
const setup = await setUpDemoDevice(opts.device, dir, createStubClient(server));
const logger = pino({ name: 'zte-demo', level: process.env.ZTE_LOG_LEVEL ?? 'warn' }, pino.destination(2));
const deps = createDeviceDeps({ server, ...setup.deps });
const agent = await startAgent(deps);
const web = await startWebUiFor(agent, deps, {
  port: opts.port,
  stateDir: setup.deps.stateDir ?? dir,
  root: setup.deps.root,
});

process.stdout.write(
  [
    '',
    `zte-agent demo — ${setup.story}`,
    `Enrollment server stub: ${server}`,
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
await stub.close();
process.stdout.write(
  `\nDemo stopped on: ${outcome.outcome}${outcome.reason ? ` (${outcome.reason})` : ''}\n`,
);
process.exit(0);
