// A newcomer's checkout: `git clone` of this repository (its HEAD: committed files only) into an empty
// temp directory, and the commands they type in it, run with a clean environment: nothing of the
// `npm test` that runs this suite (npm_* variables, this checkout's node_modules/.bin on PATH) leaks
// into them.

import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const REPO = resolve(import.meta.dirname, '../../..');

export interface FreshClone {
  dir: string;
  dispose(): Promise<void>;
}

export async function freshClone(): Promise<FreshClone> {
  const base = await mkdtemp(join(tmpdir(), 'zte-first-hour-'));
  const dir = join(base, 'zte-agent');
  await promisify(execFile)('git', ['clone', '--quiet', REPO, dir], { env: newcomerEnv() });
  return { dir, dispose: () => rm(base, { recursive: true, force: true }) };
}

/**
 * The environment a person's shell would give: ours without what npm adds for a script. Kept:
 * npm_config_nodedir, which CI sets for a Node.js whose headers cannot be downloaded (it stands for
 * the user's own npm configuration).
 */
export function newcomerEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const k = key.toLowerCase();
    if (k.startsWith('npm_') && k !== 'npm_config_nodedir') continue;
    if (k.startsWith('vitest') || ['init_cwd', 'node', 'test', 'node_env'].includes(k)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((p) => !p.includes(`${join('node_modules', '.bin')}`) && !p.includes('node-gyp-bin'))
    .join(delimiter);
  return { ...env, ...overrides };
}

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Runs `command args` in `cwd` to its end; stdout and stderr interleaved in `output`. */
export function run(command: string, args: string[], cwd: string, env = newcomerEnv()): Promise<Ran> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, output }));
  });
}

/** npm's warnings in `output`, but a deprecation notice (a registry may add one to a locked version). */
export function npmWarnings(output: string): string[] {
  return output.split('\n').filter((line) => /^npm warn/i.test(line) && !/^npm warn deprecated /i.test(line));
}
