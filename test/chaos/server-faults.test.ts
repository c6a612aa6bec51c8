// Issue 7, item 3 at CI size: the stub SIGKILLed amid registrations and restarted on its file
// database; 5xx bursts and 429 Retry-After; a hostile server (the slow cases time-compressed in
// process here; the full campaign runs them all against the built agent in real time).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RSS_LIMIT_MB, runHostileServerCampaign } from '../../simulator/chaos/campaigns/hostile-server.ts';
import { runServerFaultsCampaign } from '../../simulator/chaos/campaigns/server-faults.ts';
import { runStubKillCampaign } from '../../simulator/chaos/campaigns/stub-kill.ts';
import type { ChaosWorkspace } from '../../simulator/chaos/shared.ts';
import { expectClean, options, workspace } from './helpers.ts';

let ws: ChaosWorkspace;
beforeAll(async () => {
  ws = await workspace();
});
afterAll(async () => {
  await ws.dispose();
});

describe('server-side fault campaigns', () => {
  it('the stub killed amid parallel registrations and restarted: all managed, used = licences held', async () => {
    const result = await runStubKillCampaign(options(ws, 10));
    expectClean(result, 1);
    expect(Number(result.figures.stubSigkills)).toBeGreaterThanOrEqual(1);
    expect(result.figures.devices).toBe(8);
  }, 90_000);

  it('5xx bursts and 429 with Retry-After: all managed, Retry-After honoured', async () => {
    const result = await runServerFaultsCampaign(options(ws, 10));
    expectClean(result, 15);
    expect(Number(result.figures.retryAfterPlansChecked)).toBeGreaterThan(0);
  }, 60_000);

  it('a hostile server: no crash, bounded memory, managed once it stops, safeguard-timeout if not', async () => {
    const result = await runHostileServerCampaign({ ...options(ws, 8), fast: true });
    expectClean(result, 8);
    const peak = Number(result.figures.agentPeakRssMb);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(RSS_LIMIT_MB);
    expect(Number(result.figures.hostileAnswers)).toBeGreaterThanOrEqual(8);
  }, 60_000);
});
