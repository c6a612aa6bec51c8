// Issue 7, item 2 at CI size: the clock at first boot, the link flapping, the SMART serial port.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClockCampaign } from '../../simulator/chaos/campaigns/clock.ts';
import { runLinkFlapCampaign } from '../../simulator/chaos/campaigns/link-flap.ts';
import { runSmartSerialCampaign } from '../../simulator/chaos/campaigns/smart-serial.ts';
import type { ChaosWorkspace } from '../../simulator/chaos/shared.ts';
import { expectClean, options, workspace } from './helpers.ts';

let ws: ChaosWorkspace;
beforeAll(async () => {
  ws = await workspace();
});
afterAll(async () => {
  await ws.dispose();
});

describe('device-side fault campaigns', () => {
  it('a wrong clock shows the clock screen before any request, then enrolls once right', async () => {
    expectClean(await runClockCampaign(options(ws, 10)), 10);
  }, 60_000);

  it('a flapping link ends managed with one licence', async () => {
    const result = await runLinkFlapCampaign(options(ws, 10));
    expectClean(result, 4);
    expect(Number(result.figures.connectionsCutOrRefused)).toBeGreaterThan(0);
  }, 60_000);

  it('the SMART port unplugged, hung up, garbled or silent: no crash, the right screen', async () => {
    const result = await runSmartSerialCampaign(options(ws, 10));
    expectClean(result, 12);
    expect(Number(result.figures.disconnected)).toBeGreaterThan(0);
    expect(Number(result.figures.managed)).toBeGreaterThan(0);
  }, 60_000);
});
