// The terminal UI in French through a real pty (`script`): `agent run --locale fr --ui terminal`
// shows the manual screen and the Alt+V overlay in French; `l` (then Enter, at the 1/2 choice) turns
// it to English, and that choice is written to state.json for the next boot.

import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
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
  ({ dir, cleanup } = await treeDir('zte-tui-fr-'));
});
afterAll(async () => {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  await stub.close();
  await cleanup();
});

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

describe('terminal UI in French, in a pty', () => {
  it('speaks French with --locale fr, switches to English with l, and remembers it', async () => {
    const entry = CATALOG.find((e) => e.name === 'Chromebook Acer 311 (C722/C722T)');
    if (!entry) throw new Error('row missing');
    const profile = chromeDeviceProfile(entry, seededRandom(78));
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
      '--locale',
      'fr',
    ];
    child = spawn('script', ['-qfec', command.map((a) => `'${a}'`).join(' '), '/dev/null'], {
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const screen = watch(child);
    const type = (text: string) => child?.stdin?.write(text);

    let at = await screen.until('Tapez 1 puis Entrée');
    expect(screen.text()).toContain('INSCRIRE CET APPAREIL MANUELLEMENT');
    expect(screen.text()).toContain('n’est pas listé comme pré-provisionné');
    expect(screen.text()).not.toContain('Type 1 then Enter');

    type('\x1bv');
    at = await screen.until('DIAGNOSTIC (Alt+V ou Échap pour fermer)', at);
    at = await screen.until(`SN:${profile.expected.serialNumber}`, at);
    at = await screen.until('Serveur\u00a0: ', at);

    type('\x1b');
    at = await screen.until('Tapez 1 puis Entrée', at);

    type('l\r');
    at = await screen.until('Type 1 then Enter', at);
    expect(screen.text().slice(at - 2000)).toContain('ENROLL THIS DEVICE MANUALLY');

    process.kill(-(child.pid ?? 0), 'SIGINT');
    await new Promise<void>((resolve) => child?.once('exit', () => resolve()));
    const state = JSON.parse(await readFile(`${root}/state/state.json`, 'utf8')) as { locale?: string };
    expect(state.locale).toBe('en');
  }, 60_000);
});
