// Issue 17's "done when", with the real commands: `npm run -s stub -- --tls self-signed` (a child)
// prints {"url":"https://…","ca_file":"…"}; `agent run --server-ca <ca_file>` ends managed; the same
// agent without it ends on the error screen naming an untrusted certificate, and the stub never sees
// one request from it. Plus the agent's usage errors about plain http, CA files and pins.

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../agent/catalog/index.ts';
import { buildSimulatedChromeDevice, preprovisionEntry } from '../../../simulator/devices/chrome.ts';
import { createStubClient, type StubClient } from '../../../simulator/devices/stub-client.ts';
import { chromeDeviceProfile } from '../../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../../simulator/profiles/random.ts';
import { treeDir } from '../../helpers/identity.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const run = promisify(execFile);

async function agent(args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'agent/cli/main.ts', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ZTE_LOG_LEVEL: 'warn' },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface StubChild {
  child: ChildProcess;
  first: { url: string; ca_file?: string };
  /** Request log lines (`--log`) so far. */
  requestLines(): number;
  /** Resolves once a request log line contains `text` (the stub logs in order; no polling). */
  logged(text: string): Promise<void>;
  /** The request log lines between the lines containing `from` and `to`. */
  requestsBetween(from: string, to: string): string[];
}

function startStub(args: string[]): Promise<StubChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server-stub/main.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const waiting: Array<{ text: string; resolve: () => void }> = [];
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
    for (const w of waiting.splice(0)) {
      if (stderr.includes(w.text)) w.resolve();
      else waiting.push(w);
    }
  });
  const lines = () => stderr.split('\n').filter((l) => l.includes('"incoming request"'));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.once('exit', (code) => reject(new Error(`stub exited ${code}: ${stderr}`)));
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0)
        resolve({
          child,
          first: JSON.parse(stdout.slice(0, newline)) as StubChild['first'],
          requestLines: () => lines().length,
          logged: (text) =>
            new Promise<void>((done) => {
              if (stderr.includes(text)) done();
              else waiting.push({ text, resolve: done });
            }),
          requestsBetween: (from, to) => {
            const all = lines();
            const start = all.findIndex((l) => l.includes(from));
            const end = all.findIndex((l) => l.includes(to));
            return all.slice(start + 1, end);
          },
        });
    });
  });
}

function stop(stub: StubChild): Promise<void> {
  return new Promise((resolve) => {
    if (stub.child.exitCode !== null) return resolve();
    stub.child.removeAllListeners('exit');
    stub.child.once('exit', () => resolve());
    stub.child.kill('SIGTERM');
  });
}

let dir: string;
let cleanup: () => Promise<void>;
let stub: StubChild;
let client: StubClient;
let caFile: string;

beforeAll(async () => {
  ({ dir, cleanup } = await treeDir('zte-tls-cli-'));
  stub = await startStub([
    '--tls',
    'self-signed',
    '--db',
    join(dir, 'db', 'stub.sqlite'),
    '--test-hooks',
    '--log',
  ]);
  caFile = stub.first.ca_file ?? '';
  client = createStubClient(stub.first.url, { ca: await readFile(caFile, 'utf8') });
});
afterAll(async () => {
  if (stub) await stop(stub);
  await cleanup();
});

async function device(name: string, seed: number): Promise<{ root: string; serial: string }> {
  const entry = CATALOG.find((e) => e.name === 'Chromebook Acer 311 (C722/C722T)');
  if (!entry) throw new Error('row missing');
  const profile = chromeDeviceProfile(entry, seededRandom(seed));
  const root = join(dir, name);
  await buildSimulatedChromeDevice(root, profile, client);
  await client.preprovision({
    partnerKey: 'partner-demo-key',
    customerId: 'C00demo01',
    token: 'ppt-demo-0001',
    devices: [preprovisionEntry(profile)],
  });
  return { root, serial: profile.expected.serialNumber };
}

describe('stub --tls self-signed and agent run over HTTPS', () => {
  it('prints the https URL and the CA file on its first line; the CA is a CA, kept in tls/ beside the database', async () => {
    expect(stub.first.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(caFile).toBe(join(dir, 'db', 'tls', 'ca.pem'));
    expect(new X509Certificate(await readFile(caFile)).ca).toBe(true);
  });

  it('an agent given the printed ca_file ends managed', async () => {
    const d = await device('trusted', 17);
    const r = await agent([
      'run',
      '--server',
      stub.first.url,
      '--root',
      d.root,
      '--server-ca',
      caFile,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'managed', reason: 'enrolled' });
  });

  it('without it: the error screen naming an untrusted certificate, no request reached the stub, not managed', async () => {
    const d = await device('untrusted', 18);
    // Requests of our own before and after the boot mark its span in the stub's ordered request log.
    const mark = async (name: string) => {
      await client.request('GET', `/v1/${name}`).catch(() => undefined); // 404, logged all the same
      await stub.logged(`/v1/${name}`);
    };
    await mark('mark-before-untrusted');
    const r = await agent(['run', '--server', stub.first.url, '--root', d.root, '--json']);
    await mark('mark-after-untrusted');
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'error', reason: 'tls-untrusted-issuer' });
    expect(stub.requestsBetween('/v1/mark-before-untrusted', '/v1/mark-after-untrusted')).toEqual([]);
    const admin = await client.login('admin@demo.example', 'demo-password');
    const devices = await client.devices(admin.token, 'C00demo01');
    expect(devices.find((x) => x.serial_number === d.serial)).toMatchObject({ status: 'PRE_PROVISIONED' });
  });

  it('a restart on the same database keeps the same CA, so provisioned devices keep trusting it', async () => {
    const before = await readFile(caFile, 'utf8');
    const again = await startStub([
      '--tls',
      'self-signed',
      '--db',
      join(dir, 'db', 'stub.sqlite'),
      '--port',
      '0',
    ]);
    try {
      expect(again.first.ca_file).toBe(caFile);
      expect(await readFile(caFile, 'utf8')).toBe(before);
    } finally {
      await stop(again);
    }
  });
});

describe('stub --tls self-signed --db :memory:', () => {
  it('keeps its CA in a temporary directory, removed when it stops', async () => {
    const memory = await startStub(['--tls', 'self-signed', '--db', ':memory:']);
    const file = memory.first.ca_file ?? '';
    expect(existsSync(file)).toBe(true);
    await stop(memory);
    expect(existsSync(dirname(file))).toBe(false);
  });
});

describe('stub --tls-cert/--tls-key', () => {
  it('serves HTTPS with the given certificate; the first line has no ca_file', async () => {
    const tlsDir = join(dir, 'db', 'tls');
    const other = await startStub([
      '--tls-cert',
      join(tlsDir, 'server.pem'),
      '--tls-key',
      join(tlsDir, 'server-key.pem'),
      '--db',
      ':memory:',
    ]);
    try {
      expect(Object.keys(other.first)).toEqual(['url']);
      expect(other.first.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const trusted = createStubClient(other.first.url, { ca: await readFile(caFile, 'utf8') });
      expect((await trusted.login('admin@demo.example', 'demo-password')).token).toEqual(expect.any(String));
    } finally {
      await stop(other);
    }
  });
});

describe('stub TLS usage errors', () => {
  it.each([
    [['--tls', 'bogus'], '--tls'],
    [['--tls-cert', 'cert.pem'], '--tls-key'],
    [['--tls', 'self-signed', '--tls-cert', 'a', '--tls-key', 'b'], 'exclusive'],
  ])('%j exits 2 naming the problem', async (args, words) => {
    const r = await run(
      process.execPath,
      ['--import', 'tsx', 'server-stub/main.ts', '--db', ':memory:', ...args],
      {
        cwd: ROOT,
      },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(words);
  });
});

describe('agent run: trust flags', () => {
  it('refuses plain http to another machine, saying why (exit 2)', async () => {
    const r = await agent(['run', '--server', 'http://192.0.2.10:8080', '--root', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('plain http');
    expect(r.stderr).toContain('--allow-insecure-http');
  });

  it('--allow-insecure-http lets it through (the next check, --root, is what fails here)', async () => {
    const r = await agent([
      'run',
      '--server',
      'http://192.0.2.10:8080',
      '--allow-insecure-http',
      '--root',
      join(dir, 'nope'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('plain http');
    expect(r.stderr).toContain('--root');
  });

  it.each([
    [['--server-pin', 'sha256/short'], '--server-pin'],
    [['--server-pin', 'md5/abc'], '--server-pin'],
    [['--server-ca', '/nonexistent/ca.pem'], '--server-ca'],
  ])('a bad %j is a usage error', async (extra, flag) => {
    const r = await agent(['run', '--server', 'https://127.0.0.1:9', '--root', dir, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(flag);
  });

  it('--server-ca on an http server is a usage error', async () => {
    const r = await agent(['run', '--server', 'http://127.0.0.1:9', '--root', dir, '--server-ca', caFile]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('https');
  });
});
