// Issue 17: a TLS man in the middle (its own CA, a copied chain without the key, a wrong name, a
// misissued certificate against a pin, a plain-HTTP downgrade) never gets the device managed through
// it nor receives a request from it; once it leaves, the device retries by itself and enrolls.

import { afterAll, beforeAll, describe, it } from 'vitest';
import { runTlsMitmCampaign } from '../../simulator/chaos/campaigns/tls-mitm.ts';
import type { ChaosWorkspace } from '../../simulator/chaos/shared.ts';
import { expectClean, options, workspace } from './helpers.ts';

let ws: ChaosWorkspace;
beforeAll(async () => {
  ws = await workspace();
});
afterAll(async () => {
  await ws.dispose();
});

describe('tls-mitm campaign', () => {
  it('every attack ends on its error screen with nothing sent, and the device enrolls once it is gone', async () => {
    expectClean(await runTlsMitmCampaign(options(ws, 10)), 10);
  }, 90_000);
});
