import { fileURLToPath } from 'node:url';

/** The agent child preload (kill after the Nth state write, peak RSS report): see agent-preload.mjs. */
export const AGENT_PRELOAD = fileURLToPath(new URL('./agent-preload.mjs', import.meta.url));

/** What the preload reported on the child's stderr at exit, or null when it did not (killed). */
export function preloadReport(stderr: string): { stateWrites: number; maxRssKb: number } | null {
  const match = /zte-preload: (\{.*\})/.exec(stderr);
  return match?.[1] ? (JSON.parse(match[1]) as { stateWrites: number; maxRssKb: number }) : null;
}
