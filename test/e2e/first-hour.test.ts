// The first hour of a newcomer, as the README tells it, from a fresh clone (issue 15): `npm ci` is
// quiet, `npm start -- --device pre-provisioned` walks to Managed and stops on Ctrl+C (SIGINT), and
// `npm test` first names the Debian package that is missing. The clone is of HEAD: what is committed.
// `npm ci --prefer-offline` takes packages from the npm cache when it has them; native modules are
// still built as on any fresh install.

import { spawn } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screensUntil } from './helpers/event-stream.ts';
import {
  type FreshClone,
  freshClone,
  newcomerEnv,
  npmWarnings,
  type Ran,
  run,
} from './helpers/fresh-clone.ts';

const NPM = 'npm';
let clone: FreshClone;
let install: Ran;

beforeAll(async () => {
  clone = await freshClone();
  install = await run(NPM, ['ci', '--prefer-offline'], clone.dir);
}, 15 * 60_000);

afterAll(async () => {
  await clone?.dispose();
});

describe('the first hour on a fresh clone', () => {
  it('npm ci installs, with no warning about this project (engines, install scripts)', () => {
    expect(install.code, install.output).toBe(0);
    expect(npmWarnings(install.output)).toEqual([]);
  });

  it('npm start -- --device pre-provisioned reaches Managed, and Ctrl+C stops it cleanly', async () => {
    expect(install.code, install.output).toBe(0);
    // A terminal's Ctrl+C signals the whole foreground process group: npm and the demo under it.
    const child = spawn(NPM, ['start', '--', '--device', 'pre-provisioned'], {
      cwd: clone.dir,
      env: newcomerEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /^OOBE: (http:\/\/127\.0\.0\.1:\d+)\/?$/m.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        void exited.then(({ code }) =>
          reject(new Error(`npm start exited ${code} before its URL:\n${output}`)),
        );
      });
      // Managed, and done fetching the policy: a Ctrl+C then stops on `managed`, not mid-request.
      const settled = await screensUntil(
        `${url}/api/events`,
        (m) => m.screen === 'enrolled' && m.state !== 'managed.fetchingPolicy',
      );
      expect(settled.state).toMatch(/^managed/);
    } finally {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGINT');
    }
    // The demo handles SIGINT and exits 0 after saying where it stopped; npm, signalled too, then
    // ends by that same SIGINT, as it does in a terminal. Either way no error is reported.
    const end = await exited;
    expect([0, 'SIGINT']).toContain(end.code ?? end.signal);
    expect(output).toContain('Demo stopped on: managed (enrolled)');
    expect(output).not.toMatch(/^npm error/m);
  }, 120_000);

  it('npm test names the missing Debian package (socat hidden from PATH) and stops there', async () => {
    expect(install.code, install.output).toBe(0);
    // A PATH with what npm needs and every tool of the system check but socat.
    const bin = join(clone.dir, '..', 'bin-without-socat');
    await mkdir(bin);
    const which = async (name: string) =>
      (await run('sh', ['-c', `command -v ${name}`], clone.dir)).output.trim();
    await symlink(process.execPath, join(bin, 'node'));
    for (const tool of ['npm', 'sh', 'chromium', 'script']) {
      const path = await which(tool);
      if (path !== '') await symlink(path, join(bin, tool));
    }
    const result = await run(join(bin, 'npm'), ['test'], clone.dir, newcomerEnv({ PATH: bin }));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('Missing system packages needed by the tests:');
    expect(result.output).toMatch(/- socat \(Debian package "socat"\)/);
    expect(result.output).toMatch(/apt-get install -y .*\bsocat\b/);
    expect(result.output).not.toMatch(/Test Files|error TS/); // it stopped before tsc and the suite
  }, 60_000);
});
