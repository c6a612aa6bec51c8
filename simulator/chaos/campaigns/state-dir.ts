// Device-side: the state directory cannot be written. Read-only for real (the built agent run as an
// unprivileged user on a directory it may not write: EACCES), a read-only mount (EROFS) and a full
// disk (ENOSPC from the Nth write on) through an injected file system. The agent must still reach a
// screen and say why (its log, `persistenceError()`); what it did manage to write stays intact; a
// later boot on a healthy disk never costs a second licence.

import { chmod, chown, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StateStore } from '../../../agent/persistence/index.ts';
import { bootInProcess } from '../lib/agent-inprocess.ts';
import { agentRunArgs, runAgentProcess } from '../lib/agent-process.ts';
import {
  type ChaosDevice,
  checkEnrolled,
  deviceViews,
  finishWithLedger,
  makeChromeDevice,
} from '../lib/devices.ts';
import { type FsFailure, failingFs } from '../lib/failing-fs.ts';
import { createRng } from '../lib/rng.ts';
import { DEMO_CUSTOMER, type StubHandle, startInProcessStub } from '../lib/stub.ts';
import { Tally, type Verdict } from '../lib/tally.ts';
import { handOver, runningAsRoot, unprivilegedIds } from '../lib/unprivileged.ts';
import type { Campaign, CampaignOptions, CampaignResult } from '../types.ts';

const NAME = 'state-dir-unwritable';
/** State writes of a whole enrollment (the agent-sigkill calibration finds 11). */
const WRITES_PER_ENROLLMENT = 11;

async function used(stub: StubHandle): Promise<number> {
  return (await stub.client.licenses(stub.admin, DEMO_CUSTOMER)).chrome_enterprise_upgrade.used;
}

async function leftovers(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((n) => n.includes('.tmp-'));
}

export async function runStateDirCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const tally = new Tally(NAME, options.log);
  const rng = createRng(options.seed, NAME);
  const dir = join(options.workDir, NAME);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const stub = await startInProcessStub();
  const ours: ChaosDevice[] = [];
  const usedAtStart = await used(stub);
  try {
    // 1. Really read-only: the built agent, unprivileged, on a state directory it may not write.
    const entry = await options.shared.agentBundle();
    for (let i = 0; i < 2; i++) {
      const r = rng.fork(`eacces-${i}`);
      const device = await makeChromeDevice(stub.client, dir, `eacces-${i}`, r);
      ours.push(device);
      await tally.run(
        `${device.id} state dir not writable (EACCES, ${runningAsRoot() ? 'as nobody' : 'mode 0555'})`,
        async (v) => {
          await handOver(device.root);
          await mkdir(device.stateDir, { recursive: true, mode: 0o555 });
          if (runningAsRoot()) await chown(device.stateDir, 0, 0);
          await chmod(device.stateDir, 0o555);
          const before = await used(stub);
          const run = await runAgentProcess(
            entry,
            agentRunArgs(stub.url, device.root, device.stateDir),
            unprivilegedIds(),
          );
          v.check(
            run.code !== 1 && run.signal === null,
            'crash',
            `exit ${run.code ?? run.signal}: ${run.stderr.slice(-300)}`,
          );
          v.check(
            run.code === 0 && run.outcome?.outcome === 'managed',
            'lost',
            `exit ${run.code}: ${run.stdout.trim()}`,
          );
          v.check(
            run.stderr.includes('the state could not be persisted') && run.stderr.includes('EACCES'),
            'wrong',
            `the log does not say why nothing was saved: ${run.stderr.slice(-400)}`,
          );
          v.check(
            (await readdir(device.stateDir)).length === 0,
            'wrong',
            'something was written in the read-only state dir',
          );
          checkEnrolled(await deviceViews(stub.client, stub.admin), device, v);
          v.check(
            (await used(stub)) === before + 1,
            'double-consumed',
            'licences used did not grow by exactly one',
          );
          // The next boot still has no record: it must reach a screen again, and cost nothing more.
          const again = await runAgentProcess(
            entry,
            agentRunArgs(stub.url, device.root, device.stateDir),
            unprivilegedIds(),
          );
          v.check(
            again.code !== 1 && again.signal === null,
            'crash',
            `second boot exit ${again.code ?? again.signal}`,
          );
          v.check(
            again.outcome !== null,
            'lost',
            `second boot printed no outcome: ${again.stderr.slice(-300)}`,
          );
          tally.figures.readOnlySecondBoot = `${again.outcome?.outcome ?? '?'}:${again.outcome?.reason ?? '?'}`;
          v.check(
            (await used(stub)) === before + 1,
            'double-consumed',
            'the second read-only boot consumed a licence',
          );
        },
      );
    }

    // 2. Injected failures: EROFS from the start, ENOSPC from the Nth write (every N in turn).
    const n = Math.max(3, Math.ceil(options.runs / 10));
    for (let i = 0; i < n; i++) {
      const r = rng.fork(`fs-${i}`);
      const failure: FsFailure =
        i % 4 === 0 ? { errno: 'EROFS' } : { errno: 'ENOSPC', fromWrite: 1 + (i % WRITES_PER_ENROLLMENT) };
      const device = await makeChromeDevice(stub.client, dir, `fs-${i}`, r, { bundled: r.chance(0.2) });
      ours.push(device);
      const label = failure.errno === 'EROFS' ? 'EROFS' : `ENOSPC from write ${failure.fromWrite}`;
      await tally.run(`${device.id} ${label}`, async (v) => {
        if (failure.errno === 'EROFS') await mkdir(device.stateDir, { recursive: true });
        const fs = failingFs(failure);
        const before = await used(stub);
        const { outcome, handle } = await bootInProcess({
          server: stub.url,
          root: device.root,
          stateDir: device.stateDir,
          store: new StateStore({ dir: device.stateDir, fs }),
          random: r.random,
        });
        v.check(outcome !== null, 'lost', 'did not settle');
        v.check(outcome?.internalError === undefined, 'crash', `internal error: ${outcome?.internalError}`);
        v.check(outcome?.outcome === 'managed', 'lost', `outcome ${JSON.stringify(outcome)}`);
        const why = handle.persistenceError();
        v.check(
          why?.errno === failure.errno,
          'wrong',
          `persistenceError() says ${why?.errno ?? 'nothing'}, not ${failure.errno}`,
        );
        v.check(fs.failures > 0, 'wrong', 'the injected fault never fired');
        v.check((await leftovers(device.stateDir)).length === 0, 'wrong', 'temp files left behind');
        // What was written before the disk filled up is a whole, valid record.
        const loaded = await new StateStore({ dir: device.stateDir }).load();
        v.check(
          loaded.kind !== 'recovered',
          'wrong',
          `the state file left behind is unusable: ${JSON.stringify(loaded)}`,
        );
        v.check(
          (await used(stub)) === before + (device.bundled ? 0 : 1),
          'double-consumed',
          'licence count off',
        );
        await nextBootOnHealthyDisk(stub, device, v);
      });
    }

    return await finishWithLedger(tally, stub, { usedAtStart, devices: ours });
  } finally {
    await stub.close();
  }
}

/**
 * The disk is writable again: the next boot costs no second licence and ends managed. When a record
 * (with the device's DM deviceid) was saved it resumes from it; when nothing at all could be saved the
 * agent used a deviceid derived from the certified device ID, so the server sees the same
 * installation again (no 409).
 */
async function nextBootOnHealthyDisk(stub: StubHandle, device: ChaosDevice, v: Verdict): Promise<void> {
  const saved = (await new StateStore({ dir: device.stateDir }).load()).kind === 'loaded';
  const before = await used(stub);
  const { outcome } = await bootInProcess({ server: stub.url, root: device.root, stateDir: device.stateDir });
  const expected = 'managed:enrolled';
  const got = `${outcome?.outcome}:${outcome?.reason}`;
  v.check(
    got === expected || (saved && got === 'managed:already-managed'),
    'lost',
    `next boot: ${got}, expected ${expected}`,
  );
  v.check((await used(stub)) === before, 'double-consumed', 'the next boot consumed another licence');
  checkEnrolled(await deviceViews(stub.client, stub.admin), device, v);
}

export const stateDirCampaign: Campaign = {
  name: NAME,
  description:
    'state dir read-only (real EACCES as an unprivileged user, EROFS) or full (ENOSPC from the Nth write): a screen is reached, the reason is reported, nothing half-written',
  run: runStateDirCampaign,
};
