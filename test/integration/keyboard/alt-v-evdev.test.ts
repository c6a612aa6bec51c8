// Issue 14, done-when: pressing Alt+V on an evdev keyboard (real 24-byte input_events written into a
// FIFO at ROOT/dev/input/event0) toggles the diagnostics overlay of a running `agent run`, whether
// its UI is the web page or the terminal, and diagnostics report every keyboard backend.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachEvdevKeyboard, evdevAltVBytes } from '../../../simulator/keyboard/index.ts';
import { buildAgentBundle } from '../../helpers/agent-process.ts';
import { treeDir } from '../../helpers/identity.ts';
import { type StartedStub, startStub } from '../../helpers/stub.ts';
import { type AgentChild, buildDevice, followScreens, spawnAgent } from './helpers.ts';

let stub: StartedStub;
let dir: string;
let cleanup: () => Promise<void>;
const children: AgentChild[] = [];

beforeAll(async () => {
  stub = await startStub();
  ({ dir, cleanup } = await treeDir('zte-altv-evdev-'));
});
afterAll(async () => {
  for (const child of children) await child.stop();
  await stub.close();
  await cleanup();
});

describe('Alt+V on an evdev keyboard, end to end', () => {
  it('toggles the overlay of an agent whose UI is the web page', async () => {
    const root = `${dir}/web`;
    await buildDevice(root, stub.url, 5);
    const keyboard = await attachEvdevKeyboard(root);
    const agent = spawnAgent([
      '--server',
      stub.url,
      '--root',
      root,
      '--state-dir',
      `${root}/state`,
      '--ui',
      'web',
    ]);
    children.push(agent);
    const { match } = await agent.stderr.until(/"url":"(http:\/\/127\.0\.0\.1:\d+)\/?"/);
    const origin = match?.[1] ?? '';
    await agent.stderr.until('"msg":"keyboards"');
    const screens = await followScreens(origin);
    try {
      await screens.next((m) => m.state === 'manual.waiting' && !m.diagnosticsOpen);

      const diagnostics = (await (await fetch(`${origin}/api/diagnostics`)).json()) as {
        backends: Record<string, string>;
      };
      expect(diagnostics.backends['keyboard:evdev']).toBe('available');
      expect(diagnostics.backends['keyboard:hid']).toMatch(
        /^unavailable: node-hid sees only the running host/,
      );
      expect(diagnostics.backends['keyboard:terminal']).toBe('unavailable: standard input is not a terminal');
      expect(diagnostics.backends.sysfs).toBe('available');
      expect(diagnostics.backends.systeminformation).toMatch(
        /^unavailable: systeminformation reads only the running host/,
      );
      expect(diagnostics.backends['attestation-file']).toBe('available');

      await keyboard.press(); // left Alt + V
      await screens.next((m) => m.diagnosticsOpen);
      expect(
        ((await (await fetch(`${origin}/api/state`)).json()) as { diagnosticsOpen: boolean }).diagnosticsOpen,
      ).toBe(true);

      await keyboard.press(evdevAltVBytes('right')); // right Alt + V closes it again
      await screens.next((m) => !m.diagnosticsOpen);
      expect(
        ((await (await fetch(`${origin}/api/state`)).json()) as { diagnosticsOpen: boolean }).diagnosticsOpen,
      ).toBe(false);
    } finally {
      screens.close();
      await keyboard.close();
    }
    expect(await agent.stop()).toBe(3); // stopped on the manual screen
  }, 60_000);

  it('toggles the overlay of an agent whose UI is the terminal, beside the terminal’s own keys', async () => {
    const root = `${dir}/tui`;
    const device = await buildDevice(root, stub.url, 6);
    const keyboard = await attachEvdevKeyboard(root, { index: 3 });
    const agent = spawnAgent([
      '--server',
      stub.url,
      '--root',
      root,
      '--state-dir',
      `${root}/state`,
      '--ui',
      'terminal',
    ]);
    children.push(agent);
    let at = (await agent.stdout.until('Type 1 then Enter')).end;
    await agent.stderr.until('"msg":"keyboards"');
    expect(agent.stdout.text).not.toContain('DIAGNOSTICS');

    await keyboard.press();
    at = (await agent.stdout.until('DIAGNOSTICS', at)).end;
    at = (await agent.stdout.until(`SN:${device.profile.expected.serialNumber}`, at)).end;
    at = (await agent.stdout.until('keyboard:evdev', at)).end;

    agent.child.stdin.write('\x1b'); // Esc on the terminal closes it
    at = (await agent.stdout.until('Type 1 then Enter', at)).end;

    await keyboard.press(); // the evdev keyboard opens it again…
    at = (await agent.stdout.until('DIAGNOSTICS', at)).end;
    await keyboard.press(); // …and closes it (the terminal's own ESC v: test/e2e/terminal-ui.test.ts)
    await agent.stdout.until('Type 1 then Enter', at);
    await keyboard.close();
    expect(await agent.stop()).toBe(3);
  }, 60_000);

  it('works the same in the device bundle (node-hid stays an optional, lazily loaded external)', async () => {
    const bundle = await buildAgentBundle();
    const root = `${dir}/bundle`;
    await buildDevice(root, stub.url, 7);
    const keyboard = await attachEvdevKeyboard(root);
    const agent = spawnAgent(
      ['--server', stub.url, '--root', root, '--state-dir', `${root}/state`, '--ui', 'web'],
      { bundle },
    );
    children.push(agent);
    const { match } = await agent.stderr.until(/"url":"(http:\/\/127\.0\.0\.1:\d+)\/?"/);
    const origin = match?.[1] ?? '';
    await agent.stderr.until('"msg":"keyboards"');
    const screens = await followScreens(origin);
    try {
      await screens.next((m) => m.state === 'manual.waiting' && !m.diagnosticsOpen);
      await keyboard.press();
      await screens.next((m) => m.diagnosticsOpen);
    } finally {
      screens.close();
      await keyboard.close();
    }
    expect(await agent.stop()).toBe(3);
  }, 90_000);
});
