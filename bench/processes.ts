// Child processes the benchmarks time: the built agent bundle, bare node, the stub CLI.

import { execFile, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AGENT_PRELOAD, preloadReport } from '../simulator/lib/preload.ts';

const MAXRSS_PRELOAD = AGENT_PRELOAD;

/** Builds the device bundle into a new temporary directory, recorded in `tempDirs` for removal. */
export async function buildBundle(tempDirs: string[]): Promise<string> {
  const outdir = await mkdtemp(join(tmpdir(), 'zte-bench-bundle-'));
  tempDirs.push(outdir);
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--outdir', outdir]);
  return join(outdir, 'main.js');
}

export interface TimedRun {
  ms: number;
  code: number | null;
  maxRssKb: number;
}

/** Runs `node [--import maxrss] args…` and times it from spawn to exit. */
export function timedNode(args: string[]): Promise<TimedRun> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', MAXRSS_PRELOAD, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ZTE_LOG_LEVEL: 'error' },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      resolvePromise({ ms, code, maxRssKb: preloadReport(stderr)?.maxRssKb ?? Number.NaN });
    });
  });
}

/** Starts the stub CLI (in-memory db) as its own process; resolves with its URL and a stop function. */
export function startStubProcess(): Promise<{ url: string; stop: () => Promise<void> }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server-stub/main.ts', '--port', '0', '--db', ':memory:'],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      const { url } = JSON.parse(line) as { url: string };
      resolvePromise({
        url,
        stop: () =>
          new Promise<void>((done) => {
            child.once('close', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`stub exited early (${code})`)));
  });
}
