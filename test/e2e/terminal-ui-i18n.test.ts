// The terminal UI in French through a real pty (`script`): `agent run --locale fr --ui terminal`
// shows the manual screen and the Alt+V overlay in French; `l` (then Enter, at the 1/2 choice) turns
// it to English, and that choice is written to state.json for the next boot.

import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treeDir } from '../helpers/identity.ts';
import { type StartedStub, startStub } from '../helpers/stub.ts';
import { buildTerminalDevice, killPty, type PtyAgent, startTerminalAgent } from './helpers/pty.ts';

let stub: StartedStub;
let dir: string;
let cleanup: () => Promise<void>;
let screen: PtyAgent | null = null;

beforeAll(async () => {
  stub = await startStub();
  ({ dir, cleanup } = await treeDir('zte-tui-fr-'));
});
afterAll(async () => {
  if (screen?.child.exitCode === null) killPty(screen.child);
  await stub.close();
  await cleanup();
});

describe('terminal UI in French, in a pty', () => {
  it('speaks French with --locale fr, switches to English with l, and remembers it', async () => {
    const root = `${dir}/tui`;
    const profile = await buildTerminalDevice(root, stub.url, 78);
    screen = startTerminalAgent(stub.url, root, ['--locale', 'fr']);
    const { child, type } = screen;

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
