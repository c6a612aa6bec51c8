// `agent run --ui terminal`: the screens in text on this process's terminal (or serial console).

import { SysfsBackend } from '../../hal/backends/sysfs/index.ts';
import type { AgentHandle } from '../runtime/agent.ts';
import type { AgentDeps } from '../runtime/deps.ts';
import { agentVersion } from './serve-ui.ts';

export async function startTerminalUiFor(
  agent: AgentHandle,
  deps: AgentDeps,
  options: { root: string; output: { write(text: string): unknown } },
) {
  const [{ startTerminalUi }, { createDiagnosticsService }] = await Promise.all([
    import('../ui/terminal/terminal-ui.ts'),
    import('../diagnostics/index.ts'),
  ]);
  const diagnostics = createDiagnosticsService(agent, deps, {
    agentVersion: await agentVersion(),
    backends: [new SysfsBackend({ root: options.root })],
  });
  return startTerminalUi({ actor: agent.actor, diagnostics, input: process.stdin, output: options.output });
}
