// Power-loss devices: the built agent (`node <bundle>/main.js run … --ui none --json`) in real child
// processes, SIGKILLed right after a chosen state write (a preload counts the atomic renames of
// state.json) and booted again on the same root and state directory until a boot settles.

import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AGENT_PRELOAD } from '../lib/preload.ts';
import { type DevicePlan, describeExpected } from '../scenarios/types.ts';
import { judge, prepareDevice, usesTls } from './device.ts';
import type { ActualOutcome, BootEnv, BootRecord, DeviceResult } from './types.ts';

const PRELOAD = AGENT_PRELOAD;
const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** More boots than this is a loop the agent's own boot counter should have stopped. */
const MAX_BOOTS = 12;
const CHILD_TIMEOUT_MS = 150_000;

/** Builds the device bundle (scripts/build.mjs) into `outdir`; returns its entry point. */
export async function buildAgentBundle(outdir: string): Promise<string> {
  await promisify(execFile)(process.execPath, [join(REPO, 'scripts/build.mjs'), '--outdir', outdir], {
    cwd: REPO,
  });
  return join(outdir, 'main.js');
}

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runChild(entry: string, args: string[], killAfter: number | null): Promise<ChildRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ZTE_LOG_LEVEL: 'warn' };
  delete env.ZTE_KILL_AFTER_STATE_WRITES;
  if (killAfter !== null) env.ZTE_KILL_AFTER_STATE_WRITES = String(killAfter);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', PRELOAD, entry, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

interface StateFile {
  history?: Array<{ state: string; at: string }>;
  identity?: Record<string, unknown>;
  phase?: string;
}

async function readState(stateDir: string): Promise<StateFile | null> {
  try {
    return JSON.parse(await readFile(join(stateDir, 'state.json'), 'utf8')) as StateFile;
  } catch {
    return null;
  }
}

export async function bootWithPowerLoss(
  plan: DevicePlan,
  env: BootEnv,
  bundle: string,
): Promise<DeviceResult> {
  const startedAt = Date.now() - env.fleetStart;
  const t0 = performance.now();
  const log: string[] = [
    `${plan.id} ${plan.scenario}/${plan.variant} ${plan.model}: expect ${describeExpected(plan.expected)}`,
  ];
  const boots: BootRecord[] = [];
  const kills = plan.power?.killAfterStateWrites ?? [];
  const prepared = await prepareDevice(plan, env);
  const tls = env.tls != null && usesTls(plan, env) ? env.tls : null;
  const args = [
    'run',
    '--server',
    tls !== null ? tls.url : env.serverUrl,
    // A TLS device trusts the fleet CA as `--server-ca` (issue 17).
    ...(tls !== null ? ['--server-ca', tls.caFile] : []),
    '--root',
    prepared.root,
    '--state-dir',
    prepared.stateDir,
    '--ui',
    'none',
    '--json',
  ];
  let actual: ActualOutcome | null = null;
  let error: string | undefined;
  const firstBootEpoch = Date.now();
  const bootStart = performance.now();
  try {
    for (let boot = 0; boot < MAX_BOOTS; boot++) {
      const killAfter = kills[boot] ?? null;
      const started = performance.now();
      const run = await runChild(bundle, args, killAfter);
      const killed = run.signal === 'SIGKILL';
      boots.push({
        boot: boot + 1,
        killAfterStateWrites: killAfter,
        killed,
        exitCode: run.code,
        ms: performance.now() - started,
      });
      if (killed) {
        const state = await readState(prepared.stateDir);
        log.push(
          `  boot ${boot + 1}: SIGKILL after state write ${killAfter} (persisted phase ${state?.phase ?? 'none'})`,
        );
        continue;
      }
      log.push(
        `  boot ${boot + 1}: exit ${run.code}${killAfter !== null ? ` (kill after write ${killAfter} never came)` : ''}`,
      );
      const line = run.stdout.trim().split('\n').pop() ?? '';
      try {
        const parsed = JSON.parse(line) as ActualOutcome;
        actual = {
          outcome: parsed.outcome,
          reason: parsed.reason,
          managementDomain: parsed.managementDomain,
          orgUnitPath: parsed.orgUnitPath,
          certifiedDeviceId: parsed.certifiedDeviceId,
          idKind: parsed.idKind,
        };
      } catch {
        error = `boot ${boot + 1} printed no outcome (exit ${run.code}): ${run.stderr.trim().slice(0, 300)}`;
        log.push(`  ${error}`);
      }
      break;
    }
    if (actual === null && error === undefined) error = `still not settled after ${MAX_BOOTS} boots`;
    const state = await readState(prepared.stateDir);
    const decisionMs = performance.now() - bootStart;
    const timeline = (state?.history ?? []).map((h) => ({
      state: h.state,
      atMs: Date.parse(h.at) - firstBootEpoch,
    }));
    if (actual)
      log.push(
        `  settled ${actual.outcome}/${actual.reason ?? '-'} after ${boots.length} boot(s), ${decisionMs.toFixed(0)} ms`,
      );
    return {
      index: plan.index,
      id: plan.id,
      actual,
      passed: judge(plan, actual),
      identity: state?.identity ?? null,
      timeline,
      timings: { startedAt, prepareMs: prepared.prepareMs, decisionMs, totalMs: performance.now() - t0 },
      requests: [],
      boots,
      log,
      ...(error !== undefined ? { error } : {}),
    };
  } finally {
    await prepared.cleanup().catch(() => undefined);
  }
}
