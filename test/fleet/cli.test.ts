// `npm run -s fleet -- …` as a user runs it (a real child process): the one-line `--json` summary and
// its shape, the exit codes (0 all met, 1 not, 2 usage with the flag named), `--server` and `merge`.

import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedStub, startStub } from '../helpers/stub.ts';
import { tempDir } from './helpers.ts';

const MAIN = resolve(import.meta.dirname, '../../simulator/fleet/main.ts');

function fleet(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const SUMMARY_KEYS = [
  'byOutcome',
  'byScenario',
  'devices',
  'devicesPerSecond',
  'durationMs',
  'failed',
  'failures',
  'passed',
];

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('zte-fleet-cli-'));
});
afterAll(async () => cleanup());

describe('fleet CLI', () => {
  it('--json prints exactly one summary line and exits 0 when every device met its expectation', async () => {
    const r = await fleet([
      '--devices',
      '5',
      '--scenario',
      'smart-unassigned',
      '--seed',
      '3',
      '--json',
      '--shard',
      '1/1',
      '--report',
      join(dir, 'r1'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0] ?? '');
    expect(Object.keys(summary).sort()).toEqual(SUMMARY_KEYS);
    expect(summary).toMatchObject({
      devices: 5,
      passed: 5,
      failed: 0,
      byOutcome: { managed: 0, manual: 5, error: 0 },
      byScenario: { 'smart-unassigned': { devices: 5, passed: 5, failed: 0 } },
      failures: [],
    });
    expect(summary.devicesPerSecond).toBeGreaterThan(0);
    expect(summary.durationMs).toBeGreaterThan(0);

    // merge of that single shard: the same verdict, exit 0.
    const m = await fleet(['merge', '--json', '--report', join(dir, 'merged'), join(dir, 'r1')]);
    expect(m.code, m.stderr).toBe(0);
    expect(JSON.parse(m.stdout)).toMatchObject({ devices: 5, passed: 5, failed: 0 });
  }, 60_000);

  it('exits 1 with the failures in the line when devices do not meet their expectations', async () => {
    // A stub without test hooks cannot mint device keys: the fleet cannot build those devices.
    const stub: StartedStub = await startStub({ testHooks: false });
    try {
      const r = await fleet(['--devices', '2', '--scenario', 'bundled', '--json', '--server', stub.url]);
      expect(r.code).toBe(1);
      const summary = JSON.parse(r.stdout);
      expect(summary).toMatchObject({ devices: 2, passed: 0, failed: 2 });
      expect(summary.failures).toHaveLength(2);
      expect(summary.failures[0]).toEqual({
        device: expect.stringMatching(/^dev-\d{5}$/),
        model: expect.any(String),
        expected: expect.objectContaining({ outcome: 'managed' }),
        actual: null,
        log: expect.stringContaining('fleet error'),
      });
    } finally {
      await stub.close();
    }
  }, 60_000);

  it.each([
    [['--devices', 'many'], '--devices'],
    [['--scenario', 'everything'], '--scenario'],
    [['--shard', '3/2'], '--shard'],
    [['--devcies', '3'], '--devcies'],
    [['--server', 'ftp://x'], '--server'],
  ])(
    'usage error %j exits 2 and names %s',
    async (args, flag) => {
      const r = await fleet(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(flag);
      expect(r.stdout).toBe('');
    },
    30_000,
  );
});
