// The terminal UI through a real pty (`script`), as a technician on a serial console would use it:
// the manual screen, ESC `v` for the diagnostics overlay, Esc to close it, then manual enrollment with
// an enrollment token against the real stub.

import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../agent/catalog/index.ts';
import { buildSimulatedChromeDevice } from '../../simulator/devices/chrome.ts';
import { createStubClient } from '../../simulator/devices/stub-client.ts';
import { chromeDeviceProfile } from '../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../simulator/profiles/random.ts';
import { treeDir } from '../helpers/identity.ts';
import { type StartedStub, startStub } from '../helpers/stub.ts';

let stub: StartedStub;
let dir: string;
let cleanup: () => Promise<void>;
let child: ChildProcess | null = null;

beforeAll(async () => {
  stub = await startStub();
  ({ dir, cleanup } = await treeDir('zte-tui-'));
});
afterAll(async () => {
  if (child?.pid) process.kill(-child.pid, 'SIGKILL');
  await stub.close();
  await cleanup();
});

/** Everything the pty showed so far, and a way to wait until it shows `text` (after `from`). */
function watch(proc: ChildProcess) {
  let out = '';
  const waiters: Array<() => void> = [];
  proc.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
    for (const w of waiters.splice(0)) w();
  });
  const until = (text: string, from = 0) =>
    new Promise<number>((resolve) => {
      const check = () => {
        const at = out.indexOf(text, from);
        if (at >= 0) resolve(at + text.length);
        else waiters.push(check);
      };
      check();
    });
  return { until, text: () => out };
}

describe('terminal UI in a pty', () => {
  it('shows the manual screen, toggles diagnostics with ESC v, and enrolls with a token', async () => {
    const entry = CATALOG.find((e) => e.name === 'Chromebook Acer 311 (C722/C722T)');
    if (!entry) throw new Error('row missing');
    const profile = chromeDeviceProfile(entry, seededRandom(77));
    const root = `${dir}/tui`;
    await buildSimulatedChromeDevice(root, profile, createStubClient(stub.url));
    const command = [
      process.execPath,
      '--import',
      'tsx',
      'agent/cli/main.ts',
      'run',
      '--server',
      stub.url,
      '--root',
      root,
      '--state-dir',
      `${root}/state`,
      '--ui',
      'terminal',
    ];
    child = spawn('script', ['-qfec', command.map((a) => `'${a}'`).join(' '), '/dev/null'], {
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const screen = watch(child);
    const type = (text: string) => child?.stdin?.write(text);

    let at = await screen.until('Type 1 then Enter');
    expect(screen.text()).toContain('not listed as pre-provisioned');
    expect(screen.text().match(/not listed as pre-provisioned/g)).toHaveLength(1);

    type('\x1bv');
    at = await screen.until('DIAGNOSTICS', at);
    at = await screen.until(`SN:${profile.expected.serialNumber}`, at);
    expect(screen.text().slice(at - 200)).toContain(`ADID:${profile.expected.certifiedDeviceId}`);

    type('\x1b');
    at = await screen.until('Type 1 then Enter', at);

    type('2\r');
    at = await screen.until('Enrollment token:', at);
    type('ent-demo-0001\r');
    await screen.until('This device is managed by demo.example', at);
  }, 60_000);
});
