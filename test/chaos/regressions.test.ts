// The product bugs the chaos campaigns found, pinned down one by one (issue 7 report):
//  1. an enrolled device whose state file got damaged ended on the 409 error screen
//     (state-file-corrupt campaign): an unusable record now restarts as an interrupted registration;
//  2. SMART power-on garbage holding a `>` glued itself to the first reply, and a garbled answer to an
//     optional field (fwversion, partnum, powerstate) sent an identified display to the manual screen
//     (smart-serial-port campaign): a garbled reply is asked again once, then an optional field is null.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planBoot } from '../../agent/persistence/index.ts';
import { openSmartDisplay } from '../../hal/backends/smart-rs232/index.ts';
import { bootInProcess } from '../../simulator/chaos/lib/agent-inprocess.ts';
import { makeChromeDevice } from '../../simulator/chaos/lib/devices.ts';
import { createRng } from '../../simulator/chaos/lib/rng.ts';
import { displayResponder } from '../../simulator/chaos/lib/smart.ts';
import { DEMO_CUSTOMER, type StubHandle, startInProcessStub } from '../../simulator/chaos/lib/stub.ts';
import { createMockDisplayPort } from '../../simulator/smart-display/mock-binding.ts';

let stub: StubHandle;
let dir: string;
beforeAll(async () => {
  stub = await startInProcessStub();
  dir = await mkdtemp(join(tmpdir(), 'zte-chaos-regressions-'));
});
afterAll(async () => {
  await stub.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a damaged state file', () => {
  it('plans a registration retry (reregister) when the previous record was unusable, a fresh check when there was none', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(planBoot(null, { bootId: 'b', now, previousUnusable: true })).toMatchObject({
      plan: { kind: 'retry-registration', reregister: true },
      next: { registration: { inFlight: true } },
    });
    expect(planBoot(null, { bootId: 'b', now }).plan).toEqual({ kind: 'fresh-check' });
  });

  it('of an enrolled device: the next boot ends managed again, with no second licence', async () => {
    const device = await makeChromeDevice(stub.client, dir, 'enrolled', createRng(1, 'regression'));
    const first = await bootInProcess({ server: stub.url, root: device.root, stateDir: device.stateDir });
    expect(first.outcome).toMatchObject({ outcome: 'managed' });
    const used = async () =>
      (await stub.client.licenses(stub.admin, DEMO_CUSTOMER)).chrome_enterprise_upgrade.used;
    const before = await used();
    await writeFile(join(device.stateDir, 'state.json'), '{"version":1,"bootId":"x","managed":{"dmTo');
    const again = await bootInProcess({ server: stub.url, root: device.root, stateDir: device.stateDir });
    expect(again.handle.loaded.kind).toBe('recovered');
    expect(again.outcome).toMatchObject({ outcome: 'managed', managementDomain: 'demo.example' });
    expect(await used()).toBe(before);
  });
});

describe('SMART display replies', () => {
  it('power-on garbage holding a prompt does not garble the first reply', async () => {
    // The garbage's `>` passes for the first prompt; the real one (the answer to our CR) then arrives
    // in the middle of a line and used to glue the garbage to `serialnum=…`.
    const port = createMockDisplayPort(
      displayResponder('SBID1DEMO0001', { powerOnGarbage: 'BOOT> scaler 0x1f' }),
    );
    const display = await openSmartDisplay({ path: port.path, binding: port.binding });
    try {
      expect(await display.readInfo()).toMatchObject({
        serialNumber: 'SBID1DEMO0001',
        modelNumber: 'sbid-mx065-v2',
      });
    } finally {
      await display.close();
    }
  });

  it('a garbled answer to an optional field reads as null, the identity is kept', async () => {
    const port = createMockDisplayPort(
      displayResponder('SBID1DEMO0001', { replyOverrides: { partnum: '\u00ff~E7 chk' } }),
    );
    const display = await openSmartDisplay({ path: port.path, binding: port.binding });
    try {
      expect(await display.readInfo()).toMatchObject({
        serialNumber: 'SBID1DEMO0001',
        modelNumber: 'sbid-mx065-v2',
        firmwareVersion: '3.9.2',
        partNumber: null,
        powerState: 'on',
      });
    } finally {
      await display.close();
    }
  });
});
