// `agent run --ui web`: the OOBE page on 127.0.0.1:<--ui-port>. Its diagnostics list every backend of
// the assembled HAL; the page's own Alt+V (keydown) sits beside the device's keyboards (DESIGN §3 (d)).

import { assembleHal, type DeviceHal } from '../hal-assembly/index.ts';
import type { AgentHandle } from '../runtime/agent.ts';
import type { AgentDeps } from '../runtime/deps.ts';
import { agentVersion } from './serve-ui.ts';

export interface WebRunOptions {
  port: number;
  stateDir: string;
  root: string;
  /** The device's HAL (the one `agent run` assembled); assembled from `root` when absent. */
  hal?: DeviceHal;
}

export async function startWebUiFor(agent: AgentHandle, deps: AgentDeps, options: WebRunOptions) {
  const { startWebUi } = await import('../ui/web/index.ts');
  const hal = options.hal ?? assembleHal({ root: options.root });
  return startWebUi({
    handle: agent,
    deps,
    stateDir: options.stateDir,
    port: options.port,
    host: '127.0.0.1',
    agentVersion: await agentVersion(),
    backends: hal.backends,
    locale: agent.locale,
    // The page's keydown and the device's keyboards may see one press twice: count it once.
    onAltV: () => {
      if (!hal.keyboards.deliver({ type: 'ALT_V', source: 'page' })) agent.actor.send({ type: 'ALT_V' });
    },
  });
}
