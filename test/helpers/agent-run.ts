// Boots the real agent in-process (real sysfs, real attestation files, real DM client over HTTP)
// against a running stub, and returns how the boot settled.

import { startAgent } from '../../agent/runtime/agent.ts';
import { createDeviceDeps } from '../../agent/runtime/create-deps.ts';
import type { Outcome } from '../../agent/runtime/outcome.ts';

export async function bootAgent(options: {
  server: string;
  root: string;
  stateDir: string;
  smartSerial?: string;
  maxBootAttempts?: number;
  /** The DM wire encoding (default proto, as `agent run`). */
  dmEncoding?: 'proto' | 'json';
}): Promise<Outcome> {
  const { maxBootAttempts, ...depsOptions } = options;
  const agent = await startAgent(
    createDeviceDeps(depsOptions),
    maxBootAttempts === undefined ? {} : { maxBootAttempts },
  );
  const outcome = await agent.settled;
  await agent.stop();
  return outcome;
}
