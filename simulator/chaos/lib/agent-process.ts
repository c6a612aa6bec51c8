// The real device agent as a child process: the bundle `npm run build` makes (plain `node`, no tsx),
// started with the chaos preload. SIGKILL after the Nth state write or after a delay, peak RSS from
// /proc/<pid>/status (VmHWM) sampled while it runs, optionally as an unprivileged user.

import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { AGENT_PRELOAD, preloadReport } from '../../lib/preload.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const PRELOAD_NAME = basename(AGENT_PRELOAD);
const PRELOAD = AGENT_PRELOAD;

/**
 * Builds the device bundle into `outdir` (scripts/build.mjs) and returns its entry point. The chaos
 * preload is copied next to it, so an unprivileged child needs to reach nothing but `outdir`.
 */
export async function buildAgentBundle(outdir: string): Promise<string> {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--outdir', outdir], { cwd: REPO_ROOT });
  await copyFile(PRELOAD, join(outdir, PRELOAD_NAME));
  return join(outdir, 'main.js');
}

export interface AgentRunOptions {
  /** SIGKILL right after the Nth successful state.json write (the preload does it). */
  killAfterStateWrites?: number;
  /** SIGKILL this many ms after spawn (a random moment). */
  killAfterMs?: number;
  /** Run as this uid/gid (e.g. nobody); the bundle and preload must be readable by it. */
  uid?: number;
  gid?: number;
  /** Hard limit: SIGKILL after this long and report `timedOut` (default 180 s). */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface AgentRunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** We killed it (a planned SIGKILL), as opposed to a death of its own. */
  killedByUs: boolean;
  timedOut: boolean;
  /** The parsed `--json` line, when the run printed one. */
  outcome: AgentJsonLine | null;
  /** state.json writes the preload saw (only when the process exited by itself). */
  stateWrites: number | null;
  /** Peak resident set size in kB: VmHWM of the child, sampled every 20 ms and read again at its exit. */
  peakRssKb: number;
  durationMs: number;
}

export interface AgentJsonLine {
  outcome: 'managed' | 'manual' | 'error';
  reason: string | null;
  managementDomain: string | null;
  orgUnitPath: string | null;
  certifiedDeviceId: string | null;
  idKind: string | null;
  history: Array<{ state: string; at: string }>;
}

async function vmHwmKb(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function parseJsonLine(stdout: string): AgentJsonLine | null {
  const line = stdout.trim().split('\n').pop();
  if (!line) return null;
  try {
    return JSON.parse(line) as AgentJsonLine;
  } catch {
    return null;
  }
}

export function runAgentProcess(
  entry: string,
  args: string[],
  options: AgentRunOptions = {},
): Promise<AgentRunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ZTE_LOG_LEVEL: 'warn', ...options.env };
  delete env.ZTE_KILL_AFTER_STATE_WRITES;
  if (options.killAfterStateWrites !== undefined)
    env.ZTE_KILL_AFTER_STATE_WRITES = String(options.killAfterStateWrites);
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const besideBundle = join(dirname(entry), PRELOAD_NAME);
    const preload = existsSync(besideBundle) ? besideBundle : PRELOAD;
    const child = spawn(process.execPath, ['--import', preload, entry, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid !== undefined ? { uid: options.uid } : {}),
      ...(options.gid !== undefined ? { gid: options.gid } : {}),
    });
    let stdout = '';
    let stderr = '';
    let killedByUs = false;
    let timedOut = false;
    let peak = 0;
    let exited = false;
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      // Keep the tail only: a misbehaving child must not grow our memory without bound.
      stderr = (stderr + c.toString()).slice(-256 * 1024);
    });
    const pid = child.pid;
    const sampler = setInterval(() => {
      if (pid === undefined || exited) return;
      void vmHwmKb(pid).then((kb) => {
        peak = Math.max(peak, kb);
      });
    }, 20);
    const killTimer =
      options.killAfterMs !== undefined
        ? setTimeout(() => {
            if (!exited) {
              killedByUs = true;
              child.kill('SIGKILL');
            }
          }, options.killAfterMs)
        : null;
    const hardTimer = setTimeout(() => {
      if (!exited) {
        timedOut = true;
        child.kill('SIGKILL');
      }
    }, options.timeoutMs ?? 180_000);
    child.on('error', (error) => {
      clearInterval(sampler);
      if (killTimer) clearTimeout(killTimer);
      clearTimeout(hardTimer);
      reject(error);
    });
    child.on('exit', () => {
      exited = true;
    });
    child.on('close', (code, signal) => {
      clearInterval(sampler);
      if (killTimer) clearTimeout(killTimer);
      clearTimeout(hardTimer);
      const report = preloadReport(stderr);
      // The preload's own SIGKILL (after the Nth write) is planned too.
      if (signal === 'SIGKILL' && options.killAfterStateWrites !== undefined && !timedOut) killedByUs = true;
      resolvePromise({
        code,
        signal,
        stdout,
        stderr,
        killedByUs,
        timedOut,
        outcome: code === null ? null : parseJsonLine(stdout),
        stateWrites: report?.stateWrites ?? null,
        peakRssKb: Math.max(peak, report?.maxRssKb ?? 0),
        durationMs: Date.now() - started,
      });
    });
  });
}

/** `agent run` arguments for a device tree, headless, JSON outcome. */
export function agentRunArgs(server: string, root: string, stateDir: string, extra: string[] = []): string[] {
  return [
    'run',
    '--server',
    server,
    '--root',
    root,
    '--state-dir',
    stateDir,
    '--ui',
    'none',
    '--json',
    ...extra,
  ];
}
