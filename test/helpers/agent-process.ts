// Runs the built agent (`node dist/…/main.js`) as a real child process.

import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';
import { AGENT_PRELOAD } from '../../simulator/lib/preload.ts';

const KILL_PRELOAD = AGENT_PRELOAD;

// Imported at the top of a test file: the bundles it built are removed after that file's tests.
const bundleDirs: string[] = [];
afterAll(async () => {
  for (const dir of bundleDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Builds the device bundle into a temporary directory (removed after the file) and returns its entry point. */
export async function buildAgentBundle(): Promise<string> {
  const outdir = await mkdtemp(join(tmpdir(), 'zte-bundle-'));
  bundleDirs.push(outdir);
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--outdir', outdir]);
  return join(outdir, 'main.js');
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runAgentProcess(
  entry: string,
  args: string[],
  options: { killAfterStateWrites?: number } = {},
): Promise<ChildResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ZTE_LOG_LEVEL: 'warn' };
  if (options.killAfterStateWrites !== undefined)
    env.ZTE_KILL_AFTER_STATE_WRITES = String(options.killAfterStateWrites);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', KILL_PRELOAD, entry, ...args], {
      env,
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
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}
