// The CLI: `npx tsx server-stub/main.ts --port 0 --db <tmp>` prints one JSON line, serves, and exits 0
// on SIGTERM with the database closed; usage and seed errors exit 2 naming the flag or field.

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { http } from '../../helpers/stub.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

let dir: string;
let child: ChildProcessWithoutNullStreams | undefined;
/** The stub process itself (below npx and tsx), killed if a test fails half-way. */
let stubPid: number | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zte-stub-cli-'));
});
afterEach(() => {
  const running = child !== undefined && child.exitCode === null && child.signalCode === null;
  if (running && stubPid !== undefined) {
    try {
      process.kill(stubPid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (running) child?.kill('SIGKILL');
  child = undefined;
  stubPid = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function start(args: string[]): ChildProcessWithoutNullStreams {
  child = spawn('npx', ['tsx', 'server-stub/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return child;
}

/** The JSON line on stdout, and the stub's own pid from its stderr banner (npm/npx do not forward signals). */
function listening(p: ChildProcessWithoutNullStreams): Promise<{ line: string; pid: number }> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const check = (): void => {
      const nl = out.indexOf('\n');
      const pid = /\(pid (\d+),/.exec(err)?.[1];
      if (pid !== undefined) stubPid = Number(pid);
      if (nl >= 0 && pid !== undefined) resolve({ line: out.slice(0, nl), pid: Number(pid) });
    };
    p.stdout.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      check();
    });
    p.stderr.on('data', (b: Buffer) => {
      err += b.toString('utf8');
      check();
    });
    p.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${err}`)));
  });
}

function exited(
  p: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (b: Buffer) => {
      stdout += b.toString('utf8');
    });
    p.stderr.on('data', (b: Buffer) => {
      stderr += b.toString('utf8');
    });
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('stub CLI', () => {
  it('prints {"url"} once listening, serves, and exits 0 on SIGTERM leaving a complete database', async () => {
    const db = join(dir, 'cli.sqlite');
    const p = start(['--port', '0', '--db', db]);
    const done = exited(p);
    const { line, pid } = await listening(p);
    const parsed = JSON.parse(line) as { url: string };
    expect(Object.keys(parsed)).toEqual(['url']);
    expect(parsed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const login = await http(parsed.url, 'POST', '/v1/auth/login', {
      body: { email: 'admin@demo.example', password: 'demo-password' },
    });
    expect(login.status).toBe(200);
    process.kill(pid, 'SIGTERM');
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(['cli.sqlite']);
  });

  it('also stops cleanly on SIGINT (run through tsx directly)', async () => {
    child = spawn(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['server-stub/main.ts', '--db', join(dir, 'int.sqlite')],
      { cwd: ROOT },
    );
    const p = child;
    const done = exited(p);
    const { line } = await listening(p);
    expect(JSON.parse(line)).toHaveProperty('url');
    p.kill('SIGINT');
    expect((await done).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['int.sqlite']);
  });

  it.each([
    [['--port', 'eighty'], '--port'],
    [['--bogus'], "'--bogus'"],
    [['--db'], "'--db"],
  ])('exits 2 on a usage error (%j) naming the flag', async (args, flag) => {
    const { code, stdout, stderr } = await exited(start(args));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(flag);
  });

  it('exits 2 on an invalid seed, naming the field', async () => {
    const seed = join(dir, 'seed.json');
    writeFileSync(seed, JSON.stringify({ customers: [{ customer_id: 'C1', domain: 'not a domain' }] }));
    const { code, stderr } = await exited(start(['--db', ':memory:', '--seed', seed]));
    expect(code).toBe(2);
    expect(stderr).toContain('customers[0].domain');
  });
});
