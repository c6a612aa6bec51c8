// Resources campaigns share within one chaos run, and the scratch directory they work in.

import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAgentBundle } from './lib/agent-process.ts';
import type { SharedResources } from './types.ts';

export interface ChaosWorkspace {
  dir: string;
  shared: SharedResources;
  dispose(): Promise<void>;
}

/** A scratch directory (traversable by the unprivileged user some campaigns run the agent as). */
export async function createWorkspace(prefix = 'zte-chaos-'): Promise<ChaosWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  let bundle: Promise<string> | null = null;
  return {
    dir,
    shared: { agentBundle: () => (bundle ??= buildAgentBundle(join(dir, 'bundle'))) },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
