// The enrollment server stub for campaigns: in-process (fast, memory database) or as a child process
// on a file database that a campaign can SIGKILL and restart on the same file and port.

import { type ChildProcess, spawn } from 'node:child_process';
import { createStub, type Stub } from '../../../server-stub/app.ts';
import { createStubClient, type StubClient } from '../../devices/stub-client.ts';
import { REPO_ROOT } from './agent-process.ts';

export const DEMO_CUSTOMER = 'C00demo01';
export const DEMO_DOMAIN = 'demo.example';
export const DEMO_TOKEN = 'ppt-demo-0001';
export const PARTNER_KEY = 'partner-demo-key';
export const UNLISTED_PARTNER_KEY = 'partner-unlisted-key';
export const DEMO_ADMIN = { email: 'admin@demo.example', password: 'demo-password' } as const;
export const OTHER_ADMIN = { email: 'admin@other.example', password: 'other-password' } as const;
export const OTHER_CUSTOMER = 'C00demo02';

export interface StubHandle {
  url: string;
  client: StubClient;
  /** Admin token of C00demo01. */
  admin: string;
  close(): Promise<void>;
}

/** An in-process stub (memory database, demo seed, test hooks, system clock) with `licences` CEU licences. */
export async function startInProcessStub(licences = 100_000): Promise<StubHandle & { stub: Stub }> {
  const stub = createStub({ db: ':memory:', testHooks: true });
  const url = await stub.listen(0);
  const client = createStubClient(url);
  const admin = (await client.login(DEMO_ADMIN.email, DEMO_ADMIN.password)).token;
  await client.setLicenses(admin, DEMO_CUSTOMER, licences);
  return { url, client, admin, stub, close: () => stub.close() };
}

export interface StubProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Resolves with how the process ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `server-stub/main.ts` in a child (`node --import tsx`, so signals reach the stub itself, not npm).
 * Resolves once it printed its `{"url":…}` line.
 */
export function startStubProcess(options: { db: string; port?: number }): Promise<StubProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server-stub/main.ts',
      '--port',
      String(options.port ?? 0),
      '--db',
      options.db,
      '--test-hooks',
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-64 * 1024);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the stub did not start within 30 s: ${stderr}`));
    }, 30_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the stub exited (${signal ?? code}) before listening: ${stderr}`));
    });
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      const line = stdout.split('\n')[0];
      if (!stdout.includes('\n') || line === undefined) return;
      clearTimeout(timer);
      const url = (JSON.parse(line) as { url: string }).url;
      const pid = child.pid ?? -1;
      resolve({
        url,
        port: Number(new URL(url).port),
        pid,
        exited,
        stderr: () => stderr,
        async kill(signal) {
          process.kill(pid, signal);
          return exited;
        },
      });
    });
  });
}

/** Fault hook with Retry-After (the simulator's client has no such parameter). */
export async function injectFault(
  url: string,
  fault: { request_type: string; status: number; count: number; retry_after_seconds?: number },
): Promise<void> {
  const res = await fetch(`${url}/v1/test/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (res.status !== 200) throw new Error(`POST /v1/test/faults → ${res.status}: ${await res.text()}`);
}
