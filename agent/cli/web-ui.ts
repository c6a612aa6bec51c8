// `agent run --ui web`: the OOBE page on 127.0.0.1:<--ui-port>.

import { SysfsBackend } from '../../hal/backends/sysfs/index.ts';
import type { AgentHandle } from '../runtime/agent.ts';
import type { AgentDeps } from '../runtime/deps.ts';
import { agentVersion } from './serve-ui.ts';

export interface WebRunOptions {
  port: number;
  stateDir: string;
  root: string;
}

export async function startWebUiFor(agent: AgentHandle, deps: AgentDeps, options: WebRunOptions) {
  const { startWebUi } = await import('../ui/web/index.ts');
  return startWebUi({
    handle: agent,
    deps,
    stateDir: options.stateDir,
    port: options.port,
    host: '127.0.0.1',
    agentVersion: await agentVersion(),
    backends: [new SysfsBackend({ root: options.root })],
  });
}
