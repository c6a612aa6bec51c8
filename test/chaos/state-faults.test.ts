// Issue 7, item 2 at CI size: the state directory read-only (real EACCES as an unprivileged user,
// EROFS) or full (ENOSPC), and a damaged state file on fresh, half-enrolled and enrolled devices.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStateCorruptCampaign } from '../../simulator/chaos/campaigns/state-corrupt.ts';
import { runStateDirCampaign } from '../../simulator/chaos/campaigns/state-dir.ts';
import type { ChaosWorkspace } from '../../simulator/chaos/shared.ts';
import { expectClean, options, workspace } from './helpers.ts';

let ws: ChaosWorkspace;
beforeAll(async () => {
  ws = await workspace();
});
afterAll(async () => {
  await ws.dispose();
});

describe('state directory campaigns', () => {
  it('read-only or full: a screen is reached, the reason reported, nothing half-written, no second licence', async () => {
    const result = await runStateDirCampaign(options(ws, 10));
    expectClean(result, 5);
    // Nothing could be saved: the next boot uses the same derived deviceid, so it ends managed (no 409).
    expect(result.figures.readOnlySecondBoot).toBe('managed:enrolled');
  }, 60_000);

  it('a damaged state file is moved aside and the device still ends managed with one licence, enrolled or not', async () => {
    // 10 runs: every kind of damage, each of the three moments (fresh, half-enrolled, enrolled).
    const result = await runStateCorruptCampaign(options(ws, 10));
    expectClean(result, 10);
    expect(Number(result.figures.movedAside)).toBeGreaterThanOrEqual(8);
  }, 90_000);
});
