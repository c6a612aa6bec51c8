// Issue 7, item 2 at CI size: SIGKILL of the built agent after each persisted state and at random
// moments, restarted until settled (the full campaign, `npm run -s chaos`, does 200 such runs).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgentKillCampaign } from '../../simulator/chaos/campaigns/agent-kill.ts';
import type { ChaosWorkspace } from '../../simulator/chaos/shared.ts';
import { expectClean, options, workspace } from './helpers.ts';

let ws: ChaosWorkspace;
beforeAll(async () => {
  ws = await workspace();
});
afterAll(async () => {
  await ws.dispose();
});

describe('agent-sigkill campaign', () => {
  it('kills at every persisted state and at random moments: one MANAGED record and one licence per device', async () => {
    const result = await runAgentKillCampaign(options(ws, 14));
    expectClean(result, 14);
    // Every one of the 14 runs was a real SIGKILL, and the first ones covered each persisted state.
    expect(result.figures.sigkillRuns).toBe(14);
    expect(Number(result.figures.stateWritesPerEnrollment)).toBeGreaterThanOrEqual(8);
    expect(Number(result.figures.sigkills)).toBeGreaterThanOrEqual(14);
  }, 120_000);
});
