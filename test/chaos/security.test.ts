// Issue 7, item 4 (whole devices): spoofed device, replayed registration, revoked token, unauthorised
// partner, another customer's admin; the diagnostics bundle of enrolled devices holds no secret.

import { afterAll, beforeAll, describe, it } from 'vitest';
import { runSecurityCampaign } from '../../simulator/chaos/campaigns/security.ts';
import type { ChaosWorkspace } from '../../simulator/chaos/shared.ts';
import { expectClean, options, workspace } from './helpers.ts';

let ws: ChaosWorkspace;
beforeAll(async () => {
  ws = await workspace();
});
afterAll(async () => {
  await ws.dispose();
});

describe('security campaign', () => {
  it('refuses spoofing, replay, revoked tokens, unlisted partners and other customers, leaving no trace', async () => {
    expectClean(await runSecurityCampaign(options(ws, 10)), 9);
  }, 60_000);
});
