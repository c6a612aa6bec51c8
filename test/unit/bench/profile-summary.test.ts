// `bench --profile` sums a fleet's CPU profiles by what the sampled code was doing: a native with no
// script counts for its caller, and file-system and crypto calls for the part of the project that
// made them.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { categoryOf, summariseProfiles } from '../../../bench/profile-summary.ts';

const REPO = 'file:///repo';
let dir = '';
afterEach(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('profile summary', () => {
  it('names a frame by its package, Node module or project folder', () => {
    expect(categoryOf({ functionName: 'transition', url: `${REPO}/node_modules/xstate/dist/x.cjs.js` })).toBe(
      'xstate (the machine)',
    );
    expect(
      categoryOf({ functionName: 'fromBinary', url: `${REPO}/node_modules/@bufbuild/protobuf/a.js` }),
    ).toBe('protobuf codec');
    expect(categoryOf({ functionName: 'stat', url: '' })).toBe('file system (node:fs)');
    expect(categoryOf({ functionName: 'internalModuleStat', url: '' })).toBe('module loading');
    expect(categoryOf({ functionName: 'sign', url: 'node:internal/crypto/sig' })).toBe('crypto (node)');
    expect(categoryOf({ functionName: 'observe', url: `${REPO}/agent/runtime/agent.ts` })).toBe(
      'agent code (JS)',
    );
    expect(categoryOf({ functionName: '(garbage collector)', url: '' })).toBe('garbage collection');
  });

  it('sums samples by thread role, a native for its caller, file-system time for the code that asked', async () => {
    dir = await mkdtemp(join(tmpdir(), 'zte-profile-summary-'));
    const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({
      id,
      callFrame: { functionName, url },
      children,
    });
    // A worker: the worker entry calls readBounded (agent) → stat (fs native), and minting
    // (simulator) → open (fs native); `run` is a native under better-sqlite3.
    const worker = {
      nodes: [
        frame(1, '(root)', '', [2, 6, 8]),
        frame(2, '(anon)', `${REPO}/simulator/fleet/worker.ts`, [3, 4]),
        frame(3, 'readBounded', `${REPO}/hal/backends/sysfs/read.ts`, [5]),
        frame(4, 'prepareDevice', `${REPO}/simulator/fleet/device.ts`, [7]),
        frame(5, 'stat', ''),
        frame(6, '(idle)', ''),
        frame(7, 'open', ''),
        frame(8, 'transaction', `${REPO}/node_modules/better-sqlite3/lib/t.js`, [9]),
        frame(9, 'run', ''),
      ],
      samples: [5, 5, 5, 6, 7, 9],
      timeDeltas: [1000, 1000, 1000, 4000, 2000, 500],
    };
    const main = {
      nodes: [frame(1, '(root)', '', [2]), frame(2, '(idle)', '')],
      samples: [2],
      timeDeltas: [3000],
    };
    await writeFile(join(dir, 'CPU.1.2.3.1.001.cpuprofile'), JSON.stringify(worker));
    await writeFile(join(dir, 'main.3.cpuprofile'), JSON.stringify(main));

    const summaries = await summariseProfiles(dir);
    const workers = summaries.find((s) => s.role === 'agent workers');
    expect(workers).toMatchObject({ threads: 1, sampledMs: 9.5, busyMs: 5.5 });
    expect(workers?.categories).toEqual([
      { category: 'file system (node:fs): agent', ms: 3 },
      { category: 'file system (node:fs): simulator', ms: 2 },
      { category: 'SQLite', ms: 0.5 },
    ]);
    expect(summaries.find((s) => s.role === 'main thread (stub, fleet)')).toMatchObject({
      threads: 1,
      sampledMs: 3,
      busyMs: 0,
      categories: [],
    });
  });
});
