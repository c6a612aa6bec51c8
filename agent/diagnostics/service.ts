// One diagnostics source per running agent, shared by every UI (web, terminal): a cached server
// look-up refreshed on demand, collection, and export with the agent's own secrets scrubbed.

import { type CollectOptions, collectDiagnostics } from './collect.ts';
import { type ExportResult, exportBundle } from './export.ts';
import { createServerLookup } from './server-lookup.ts';
import type { AgentView, Diagnostics, DiagnosticsDeps } from './types.ts';

export type DiagnosticsServiceOptions = Omit<CollectOptions, 'server' | 'refresh'>;

export interface DiagnosticsService {
  /** The diagnostics; the server is asked when it never was, or again with `refresh`. */
  collect(options?: { refresh?: boolean }): Promise<Diagnostics>;
  /** Writes a redacted bundle into `dir` and returns its path and QR code. */
  exportBundle(dir: string): Promise<ExportResult>;
}

export function createDiagnosticsService(
  agent: AgentView,
  deps: DiagnosticsDeps,
  options: DiagnosticsServiceOptions,
): DiagnosticsService {
  const server = createServerLookup(agent, deps, options);
  const collect = (opts: { refresh?: boolean } = {}) =>
    collectDiagnostics(agent, deps, { ...options, server, refresh: opts.refresh === true });
  return {
    collect,
    async exportBundle(dir) {
      const diagnostics = await collect();
      const dmToken = agent.actor.getSnapshot().context.enrollment?.dmToken;
      return exportBundle(diagnostics, dir, { now: deps.now(), secrets: dmToken ? [dmToken] : [] });
    },
  };
}
