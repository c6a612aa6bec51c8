// `agent run --ui web`: serve the OOBE page on 127.0.0.1:<--ui-port> while a person uses it, until
// SIGINT or SIGTERM. The run's outcome is the one on screen when it is stopped (a person may have
// enrolled manually after the first answer).

import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { SysfsBackend } from '../../hal/backends/sysfs/index.ts';
import type { AgentHandle } from '../runtime/agent.ts';
import type { AgentDeps } from '../runtime/deps.ts';
import { flowStateOf, isSettled, type Outcome, outcomeOf } from '../runtime/outcome.ts';

export interface WebRunOptions {
  port: number;
  stateDir: string;
  root: string;
}

/** The version in package.json beside the sources; `unknown` in a bundle that does not ship it. */
export async function agentVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function serveWebUiUntilSignal(
  agent: AgentHandle,
  deps: AgentDeps,
  options: WebRunOptions,
  logger: Logger,
): Promise<Outcome> {
  const { startWebUi } = await import('../ui/web/index.ts');
  const stopped = untilSignal();
  const ui = await startWebUi({
    handle: agent,
    deps,
    stateDir: options.stateDir,
    port: options.port,
    host: '127.0.0.1',
    agentVersion: await agentVersion(),
    backends: [new SysfsBackend({ root: options.root })],
  });
  logger.info({ url: ui.url }, 'web UI listening');
  let first: Outcome | null = null;
  void agent.settled.then((o) => {
    first = o;
  });
  const signal = await stopped;
  logger.info({ signal }, 'stopping the web UI');
  await ui.close();

  const snapshot = agent.actor.getSnapshot();
  const flow = flowStateOf(snapshot.value);
  const settledFirst = first as Outcome | null;
  if (settledFirst?.internalError !== undefined) return settledFirst;
  if (isSettled(flow)) {
    return outcomeOf(snapshot.context, flow, settledFirst?.reason === 'already-managed', agent.history);
  }
  return { ...outcomeOf(snapshot.context, 'error', false, agent.history), reason: 'interrupted' };
}
