import { parseArgs } from 'node:util';
import pino, { type Logger } from 'pino';
import { parseSpkiPin, readPemBundle } from '../dm-client/server-trust.ts';
import { assembleHal, type DeviceHal } from '../hal-assembly/index.ts';
import { isLocale, LOCALES } from '../i18n/index.ts';
import { type AgentHandle, startAgent } from '../runtime/agent.ts';
import { createDeviceDeps, defaultStateDir } from '../runtime/create-deps.ts';
import type { AgentDeps } from '../runtime/deps.ts';
import { isLoopbackHost, loadDeviceTrust } from '../runtime/device-trust.ts';
import { exitCodeOf } from '../runtime/outcome.ts';
import { requireDirectory } from './backends.ts';
import type { CliIo } from './identify-command.ts';
import { serveUntilSignal } from './serve-ui.ts';
import { startTerminalUiFor } from './terminal-ui.ts';
import { UsageError } from './usage-error.ts';
import { startWebUiFor } from './web-ui.ts';

export const RUN_USAGE =
  'usage: agent run --server URL [--root DIR] [--state-dir DIR] [--ui web|terminal|none] [--ui-port N] [--smart-serial PATH] [--max-boot-attempts N] [--dm-encoding proto|json] [--server-ca FILE] [--server-pin sha256/BASE64] [--allow-insecure-http] [--locale en|fr] [--json]';

const UI_KINDS = ['web', 'terminal', 'none'] as const;
const DM_ENCODINGS = ['proto', 'json'] as const;

/**
 * `agent run`: one boot of the first-boot agent. With `--ui none` it never waits for a person:
 * exit 0 managed (now or already), 3 manual-enrollment screen, 4 error screen, 2 usage, 1 internal.
 */
export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const options = await parseRunArgs(argv);
  // A person reads the terminal UI: only warnings go to stderr beside it, unless asked otherwise.
  const defaultLevel = options.ui === 'terminal' ? 'warn' : 'info';
  const logger = pino(
    { name: 'zte-agent', level: process.env.ZTE_LOG_LEVEL ?? defaultLevel },
    pino.destination(2),
  );
  // One HAL for the whole boot: identity, links, key store, and the keyboards the UIs listen to.
  const hal = assembleHal({
    root: options.root,
    ...(options.smartSerial !== undefined ? { smartSerial: options.smartSerial } : {}),
    // The text UI reads this process's terminal whatever it is; otherwise only a real terminal is a keyboard.
    ...(options.ui === 'terminal' ? { terminalInput: process.stdin } : {}),
  });
  // Whom to trust over https (issue 17): the system store, the factory's server CA, --server-ca, pins.
  const deviceTrust = options.https
    ? await loadDeviceTrust({ root: options.root, serverCaPem: options.serverCaPem, pins: options.pins })
    : null;
  if (deviceTrust !== null) {
    logger.info({ trust: deviceTrust.sources }, 'server trust');
    for (const problem of deviceTrust.problems)
      logger.warn({ problem }, 'a server CA file could not be used');
  }
  const deps = createDeviceDeps({
    ...options,
    hal,
    ...(deviceTrust !== null ? { trust: deviceTrust.trust } : {}),
  });
  const agent = await startAgent(deps, {
    ...(options.maxBootAttempts !== undefined ? { maxBootAttempts: options.maxBootAttempts } : {}),
    ...(options.locale !== undefined ? { locale: options.locale } : {}),
    onTransition: (state, snapshot) => {
      const { lastError, manualReason } = snapshot.context;
      logger.info({ state, lastError: lastError?.code, manualReason }, 'transition');
    },
  });
  if (agent.loaded.kind === 'recovered') {
    logger.warn(
      { problem: agent.loaded.problem, movedTo: agent.loaded.movedTo },
      'state file was unusable and was moved aside',
    );
  }
  const outcome =
    options.ui === 'none' ? await agent.settled : await serveUis(agent, deps, hal, options, logger);
  await agent.stop();
  deviceTrust?.trust.destroy();
  const writeError = agent.persistenceError();
  if (writeError)
    logger.warn({ code: writeError.code, errno: writeError.errno }, 'the state could not be persisted');
  logger.info({ outcome: outcome.outcome, reason: outcome.reason }, 'settled');
  if (options.json) {
    const { internalError: _, ...line } = outcome;
    io.stdout(`${JSON.stringify(line)}\n`);
  }
  if (outcome.internalError !== undefined) io.stderr(`agent run: internal error: ${outcome.internalError}\n`);
  return exitCodeOf(outcome);
}

/** Web and terminal UIs: a person is using the device, so serve until SIGINT/SIGTERM. */
async function serveUis(
  agent: AgentHandle,
  deps: AgentDeps,
  hal: DeviceHal,
  options: Awaited<ReturnType<typeof parseRunArgs>>,
  logger: Logger,
) {
  // Alt+V from every keyboard the device has (evdev, HID, terminal) toggles the overlay, whatever UI.
  const keyboards = hal.keyboards.start(() => agent.actor.send({ type: 'ALT_V' }));
  const stopKeyboards = { close: () => hal.keyboards.stop() };
  try {
    if (options.ui === 'web') {
      const ui = await startWebUiFor(agent, deps, {
        port: options.uiPort ?? 0,
        stateDir: options.stateDir ?? defaultStateDir(options.root),
        root: options.root,
        hal,
      });
      logger.info({ url: ui.url }, 'web UI listening');
      logger.info({ keyboards: await keyboards }, 'keyboards');
      return serveUntilSignal(agent, [ui, stopKeyboards], logger);
    }
    // The screen goes to stdout, unless stdout is kept for the --json line.
    const ui = await startTerminalUiFor(agent, deps, {
      root: options.root,
      output: options.json ? process.stderr : process.stdout,
      hal,
    });
    logger.info({ keyboards: await keyboards }, 'keyboards');
    return serveUntilSignal(agent, [ui, stopKeyboards], logger);
  } catch (error) {
    await hal.keyboards.stop(); // a UI that could not start must not leave the keyboards holding the process
    throw error;
  }
}

async function parseRunArgs(argv: string[]) {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${RUN_USAGE}`);
  }
  if (values.server === undefined) throw new UsageError(`--server URL is required\n${RUN_USAGE}`);
  let server: URL;
  try {
    server = new URL(values.server);
  } catch {
    throw new UsageError(`--server ${values.server}: not a URL`);
  }
  if (server.protocol !== 'http:' && server.protocol !== 'https:') {
    throw new UsageError(`--server ${values.server}: must be http or https`);
  }
  const https = server.protocol === 'https:';
  // Plain http can be read and changed by anything on the way: only on this machine, or when asked.
  if (!https && !isLoopbackHost(server.hostname) && values['allow-insecure-http'] !== true)
    throw new UsageError(
      `--server ${values.server}: plain http to another machine can be read and changed by anything on the way (the device's serial, its registration, its DM token); use https, or --allow-insecure-http on a test network`,
    );
  const serverCaFiles = values['server-ca'] ?? [];
  const pinTexts = values['server-pin'] ?? [];
  if (!https && (serverCaFiles.length > 0 || pinTexts.length > 0))
    throw new UsageError(`--server-ca and --server-pin apply to an https server, not ${values.server}`);
  const serverCaPem: string[] = [];
  for (const file of serverCaFiles) {
    try {
      serverCaPem.push(...(await readPemBundle(file)));
    } catch (error) {
      throw new UsageError(`--server-ca ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const pins = pinTexts.map((text) => {
    try {
      return parseSpkiPin(text);
    } catch (error) {
      throw new UsageError(`--server-pin ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  const ui = values.ui ?? 'none';
  if (!(UI_KINDS as readonly string[]).includes(ui))
    throw new UsageError(`--ui ${ui}: must be one of ${UI_KINDS.join(', ')}`);
  // protobuf is what Chromium speaks; JSON is the debug encoding of the same messages.
  const dmEncoding = values['dm-encoding'] ?? 'proto';
  if (!(DM_ENCODINGS as readonly string[]).includes(dmEncoding))
    throw new UsageError(
      `--dm-encoding ${dmEncoding}: must be one of ${DM_ENCODINGS.join(', ')}\n${RUN_USAGE}`,
    );
  // The screens' language for this boot (over the remembered choice and the device's VPD).
  const locale = values.locale;
  if (locale !== undefined && !isLocale(locale))
    throw new UsageError(`--locale ${locale}: must be one of ${LOCALES.join(', ')}\n${RUN_USAGE}`);
  const root = await requireDirectory('--root', values.root ?? '/');
  const uiPort = positiveInteger('--ui-port', values['ui-port']);
  if (uiPort !== undefined && uiPort > 65_535)
    throw new UsageError(`--ui-port ${uiPort}: not a TCP port (0–65535)`);
  return {
    server: values.server,
    root,
    ...(values['state-dir'] !== undefined ? { stateDir: values['state-dir'] } : {}),
    ...(values['smart-serial'] !== undefined ? { smartSerial: values['smart-serial'] } : {}),
    ui: ui as (typeof UI_KINDS)[number],
    dmEncoding: dmEncoding as (typeof DM_ENCODINGS)[number],
    uiPort,
    maxBootAttempts: positiveInteger('--max-boot-attempts', values['max-boot-attempts']),
    json: values.json ?? false,
    ...(locale !== undefined ? { locale } : {}),
    https,
    serverCaPem,
    pins,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      server: { type: 'string' },
      root: { type: 'string' },
      'state-dir': { type: 'string' },
      ui: { type: 'string' },
      'ui-port': { type: 'string' },
      'smart-serial': { type: 'string' },
      'max-boot-attempts': { type: 'string' },
      'dm-encoding': { type: 'string' },
      'server-ca': { type: 'string', multiple: true },
      'server-pin': { type: 'string', multiple: true },
      'allow-insecure-http': { type: 'boolean' },
      locale: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
}

function positiveInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 0)
    throw new UsageError(`${flag} ${value}: not a whole number`);
  return n;
}
