// The terminal UI through a real pty (`script`), as a technician on a serial console would use it:
// the manual screen, ESC `v` for the diagnostics overlay, Esc to close it, then manual enrollment with
// an enrollment token against the real stub.

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
  ({ dir, cleanup } = await treeDir('zte-tui-'));
});
afterAll(async () => {
  killPty(screen?.child ?? null);
  await stub.close();
  await cleanup();
});

describe('terminal UI in a pty', () => {
  it('shows the manual screen, toggles diagnostics with ESC v, and enrolls with a token', async () => {
    const root = `${dir}/tui`;
    const profile = await buildTerminalDevice(root, stub.url, 77);
    screen = startTerminalAgent(stub.url, root);
    const { type } = screen;

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
