import { parseArgs } from 'node:util';
import pino from 'pino';
import { startAgent } from '../runtime/agent.ts';
import { createDeviceDeps, defaultStateDir } from '../runtime/create-deps.ts';
import { exitCodeOf } from '../runtime/outcome.ts';
import { requireDirectory } from './backends.ts';
import type { CliIo } from './identify-command.ts';
import { UsageError } from './usage-error.ts';

export const RUN_USAGE =
  'usage: agent run --server URL [--root DIR] [--state-dir DIR] [--ui web|terminal|none] [--ui-port N] [--smart-serial PATH] [--max-boot-attempts N] [--json]';

const UI_KINDS = ['web', 'terminal', 'none'] as const;

/**
 * `agent run`: one boot of the first-boot agent. With `--ui none` it never waits for a person:
 * exit 0 managed (now or already), 3 manual-enrollment screen, 4 error screen, 2 usage, 1 internal.
 */
export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const options = await parseRunArgs(argv);
  if (options.ui === 'terminal') {
    throw new UsageError(
      '--ui terminal: the terminal UI is not part of this build yet; use --ui web or --ui none',
    );
  }
  const logger = pino({ name: 'zte-agent', level: process.env.ZTE_LOG_LEVEL ?? 'info' }, pino.destination(2));
  const deps = createDeviceDeps(options);
  const agent = await startAgent(deps, {
    ...(options.maxBootAttempts !== undefined ? { maxBootAttempts: options.maxBootAttempts } : {}),
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
  // With the web UI a person is using the device: serve it until SIGINT/SIGTERM.
  const outcome =
    options.ui === 'web'
      ? await (await import('./web-ui.ts')).serveWebUiUntilSignal(
          agent,
          deps,
          {
            port: options.uiPort ?? 0,
            stateDir: options.stateDir ?? defaultStateDir(options.root),
            root: options.root,
          },
          logger,
        )
      : await agent.settled;
  await agent.stop();
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
  const ui = values.ui ?? 'none';
  if (!(UI_KINDS as readonly string[]).includes(ui))
    throw new UsageError(`--ui ${ui}: must be one of ${UI_KINDS.join(', ')}`);
  const root = await requireDirectory('--root', values.root ?? '/');
  const uiPort = positiveInteger('--ui-port', values['ui-port']);
  if (uiPort !== undefined && uiPort > 65_535) throw new UsageError(`--ui-port ${uiPort}: not a TCP port (0–65535)`);
  return {
    server: values.server,
    root,
    ...(values['state-dir'] !== undefined ? { stateDir: values['state-dir'] } : {}),
    ...(values['smart-serial'] !== undefined ? { smartSerial: values['smart-serial'] } : {}),
    ui: ui as (typeof UI_KINDS)[number],
    uiPort,
    maxBootAttempts: positiveInteger('--max-boot-attempts', values['max-boot-attempts']),
    json: values.json ?? false,
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
