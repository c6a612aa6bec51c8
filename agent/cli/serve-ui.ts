// `agent run --ui web|terminal`: a person is using the device, so the agent keeps its UIs up until
// SIGINT, SIGTERM or SIGHUP. The run's outcome is the one on screen when it is stopped (a person may have
// enrolled manually after the first answer).

import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { view } from '../machine/view.ts';
import type { AgentHandle } from '../runtime/agent.ts';
import { interruptedOutcome, type Outcome, outcomeOf } from '../runtime/outcome.ts';
import { untilSignal } from './signals.ts';

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

/** Keeps the started UIs until a signal, closes them, and returns the outcome on screen then. */
export async function serveUntilSignal(
  agent: AgentHandle,
  uis: Array<{ close(): unknown }>,
  logger: Logger,
): Promise<Outcome> {
  const stopped = untilSignal((signal) => logger.info({ signal }, 'already stopping'));
  let first: Outcome | null = null;
  void agent.settled.then((o) => {
    first = o;
  });
  const signal = await stopped;
  logger.info({ signal }, 'stopping the UI');
  for (const ui of uis) await ui.close();

  const snapshot = agent.actor.getSnapshot();
  const flow = view(snapshot);
  const settledFirst = first as Outcome | null;
  if (settledFirst?.internalError !== undefined) return settledFirst;
  if (flow.settled) {
    return outcomeOf(snapshot.context, flow, settledFirst?.reason === 'already-managed', agent.history);
  }
  return interruptedOutcome(snapshot.context, agent.history);
}
