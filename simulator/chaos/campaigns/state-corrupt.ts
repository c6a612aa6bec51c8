// Device-side: a state file damaged on disk (truncated, bytes flipped, zeroed, garbage, empty, too
// large, wrong version or types, a directory in its place), taken from a fresh device, from a device
// killed at a random persisted state, or from an enrolled one. The built agent must move an unusable
// file aside, say so in its log, and still end managed, never costing a second licence.

import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INITIAL_FLOW_STATE } from '../../../agent/machine/tags.ts';
import { STATE_FILE_NAME, validatePersistedState } from '../../../agent/persistence/index.ts';
import { agentRunArgs, runAgentProcess } from '../lib/agent-process.ts';
import {
  type ChaosDevice,
  checkEnrolled,
  deviceViews,
  finishWithLedger,
  makeChromeDevice,
} from '../lib/devices.ts';
import { createRng, type Rng } from '../lib/rng.ts';
import { DEMO_CUSTOMER, type StubHandle, startInProcessStub } from '../lib/stub.ts';
import { Tally } from '../lib/tally.ts';
import type { Campaign, CampaignOptions, CampaignResult } from '../types.ts';

const NAME = 'state-file-corrupt';
const WRITES_PER_ENROLLMENT = 11;

export const CORRUPTIONS = [
  'truncated',
  'flipped-bytes',
  'zeroed',
  'garbage',
  'empty',
  'too-large',
  'wrong-version',
  'wrong-types',
  'directory',
  'invalid-utf8',
] as const;
export type Corruption = (typeof CORRUPTIONS)[number];

const WHEN = ['fresh', 'mid-enrollment', 'enrolled'] as const;
type When = (typeof WHEN)[number];

const PLAUSIBLE = JSON.stringify(
  {
    version: 1,
    bootId: 'b1',
    bootAttempts: 1,
    phase: INITIAL_FLOW_STATE,
    updatedAt: '2026-01-02T00:00:00.000Z',
    history: [],
  },
  null,
  2,
);

/** Damages `path` as `kind` says (starting from what is there, or a plausible record). */
async function corrupt(path: string, kind: Corruption, rng: Rng): Promise<void> {
  const original = await readFile(path).catch(() => Buffer.from(PLAUSIBLE));
  let bytes: Buffer;
  switch (kind) {
    case 'truncated':
      bytes = original.subarray(0, rng.int(1, Math.max(1, original.length - 2)));
      break;
    case 'flipped-bytes': {
      bytes = Buffer.from(original);
      for (let i = rng.int(1, 8); i > 0; i--) {
        const at = rng.int(0, bytes.length - 1);
        bytes[at] = (bytes[at] ?? 0) ^ (1 << rng.int(0, 7));
      }
      break;
    }
    case 'zeroed':
      bytes = Buffer.alloc(original.length);
      break;
    case 'garbage':
      bytes = Buffer.from(Array.from({ length: rng.int(1, 4096) }, () => rng.int(0, 255)));
      break;
    case 'empty':
      bytes = Buffer.alloc(0);
      break;
    case 'too-large':
      bytes = Buffer.concat([
        original.subarray(0, original.length - 2),
        Buffer.alloc(2 * 1024 * 1024, 0x20),
        Buffer.from('}\n'),
      ]);
      break;
    case 'wrong-version':
      bytes = Buffer.from(original.toString('utf8').replace('"version": 1', '"version": 7'));
      break;
    case 'wrong-types':
      bytes = Buffer.from(original.toString('utf8').replace(/"bootAttempts": \d+/, '"bootAttempts": "many"'));
      break;
    case 'directory':
      await rm(path, { force: true });
      await mkdir(join(path, 'nested'), { recursive: true });
      return;
    case 'invalid-utf8':
      bytes = Buffer.concat([
        original.subarray(0, Math.floor(original.length / 2)),
        Buffer.from([0xc3, 0x28, 0xff]),
        original.subarray(Math.floor(original.length / 2)),
      ]);
      break;
  }
  await writeFile(path, bytes);
}

/** Whether the agent must treat the file as unusable (a flipped byte may leave valid JSON). */
async function unusable(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  if (info === null) return false;
  if (!info.isFile() || info.size > 1024 * 1024) return true;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
    return !validatePersistedState(JSON.parse(text)).ok;
  } catch {
    return true;
  }
}

async function used(stub: StubHandle): Promise<number> {
  return (await stub.client.licenses(stub.admin, DEMO_CUSTOMER)).chrome_enterprise_upgrade.used;
}

export async function runStateCorruptCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const tally = new Tally(NAME, options.log);
  const rng = createRng(options.seed, NAME);
  const dir = join(options.workDir, NAME);
  await mkdir(dir, { recursive: true });
  const entry = await options.shared.agentBundle();
  const stub = await startInProcessStub();
  const usedAtStart = await used(stub);
  const ours: ChaosDevice[] = [];
  let movedAside = 0;
  try {
    // Kinds and moments in turn (10 runs see every kind and every moment), random pairs after 30.
    const n = Math.max(Math.min(options.runs, CORRUPTIONS.length * WHEN.length), Math.ceil(options.runs / 5));
    for (let i = 0; i < n; i++) {
      const r = rng.fork(`run-${i}`);
      const inTurn = i < CORRUPTIONS.length * WHEN.length;
      const kind = inTurn ? (CORRUPTIONS[i % CORRUPTIONS.length] as Corruption) : r.pick(CORRUPTIONS);
      const when = inTurn ? (WHEN[i % WHEN.length] as When) : r.pick(WHEN);
      const device = await makeChromeDevice(stub.client, dir, `c${i}`, r, { bundled: r.chance(0.15) });
      ours.push(device);
      const args = agentRunArgs(stub.url, device.root, device.stateDir);
      const path = join(device.stateDir, STATE_FILE_NAME);
      await tally.run(`${device.id} ${kind} state file (${when})`, async (v) => {
        const before = await used(stub);
        if (when === 'mid-enrollment') {
          const killed = await runAgentProcess(entry, args, {
            killAfterStateWrites: r.int(1, WRITES_PER_ENROLLMENT - 1),
          });
          v.check(killed.killedByUs, 'wrong', `the set-up kill did not happen (exit ${killed.code})`);
        } else if (when === 'enrolled') {
          const first = await runAgentProcess(entry, args);
          v.check(first.code === 0, 'lost', `set-up enrollment exit ${first.code}`);
        } else {
          await mkdir(device.stateDir, { recursive: true });
        }
        await corrupt(path, kind, r);
        const expectMove = await unusable(path);
        const boot = await runAgentProcess(entry, args);
        v.check(
          boot.code !== 1 && boot.signal === null,
          'crash',
          `exit ${boot.code ?? boot.signal}: ${boot.stderr.slice(-300)}`,
        );
        v.check(
          boot.code === 0 && boot.outcome?.outcome === 'managed',
          'lost',
          `exit ${boot.code}, ${boot.outcome?.outcome}:${boot.outcome?.reason}`,
        );
        const aside = (await readdir(device.stateDir)).filter((f) =>
          f.startsWith(`${STATE_FILE_NAME}.corrupt-`),
        );
        if (expectMove) {
          movedAside += aside.length > 0 ? 1 : 0;
          v.check(aside.length === 1, 'wrong', `the unusable file was not moved aside (${aside.join(', ')})`);
          v.check(
            boot.stderr.includes('moved aside'),
            'wrong',
            'the log does not say the file was moved aside',
          );
        }
        v.check(
          (await used(stub)) === before + (device.bundled ? 0 : 1),
          'double-consumed',
          `licences used ${before} → ${await used(stub)}`,
        );
        checkEnrolled(await deviceViews(stub.client, stub.admin), device, v);
      });
    }
    tally.figures.movedAside = movedAside;
    return await finishWithLedger(tally, stub, { usedAtStart, devices: ours });
  } finally {
    await stub.close();
  }
}

export const stateCorruptCampaign: Campaign = {
  name: NAME,
  description:
    'a damaged state.json (10 kinds) on a fresh, a half-enrolled and an enrolled device: moved aside, reported, still managed, one licence',
  run: runStateCorruptCampaign,
};
