// `agent run --ui terminal`: the screens in text on this process's terminal (or serial console). The
// text UI reads its keys through the HAL's terminal source; Alt+V from that terminal, and from every
// other keyboard of the device, reaches the machine through the keyboard hub.

import { assembleHal, type DeviceHal } from '../hal-assembly/index.ts';
import type { AgentHandle } from '../runtime/agent.ts';
import type { AgentDeps } from '../runtime/deps.ts';
import { agentVersion } from './serve-ui.ts';

export interface TerminalRunOptions {
  root: string;
  output: { write(text: string): unknown };
  /** The device's HAL (the one `agent run` assembled); assembled from `root` and stdin when absent. */
  hal?: DeviceHal;
}

export async function startTerminalUiFor(agent: AgentHandle, deps: AgentDeps, options: TerminalRunOptions) {
  const [{ startTerminalUi }, { createDiagnosticsService }] = await Promise.all([
    import('../ui/terminal/terminal-ui.ts'),
    import('../diagnostics/index.ts'),
  ]);
  const hal = options.hal ?? assembleHal({ root: options.root, terminalInput: process.stdin });
  const diagnostics = createDiagnosticsService(agent, deps, {
    agentVersion: await agentVersion(),
    backends: hal.backends,
  });
  const ui = startTerminalUi({
    actor: agent.actor,
    diagnostics,
    keys: hal.keyboards.terminal,
    output: options.output,
    locale: agent.locale,
  });
  // The keyboards run once per HAL (a no-op when `agent run` already started them): the text UI's
  // own terminal is one of them.
  await hal.keyboards.start(() => agent.actor.send({ type: 'ALT_V' }));
  return {
    async close() {
      ui.close();
      if (!options.hal) await hal.keyboards.stop();
    },
  };
}
