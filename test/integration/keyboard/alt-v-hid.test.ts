// Alt+V from a HID boot keyboard (reports from a node-hid look-alike, the way node-hid delivers them)
// reaches a running agent through the one HAL assembly and toggles its overlay, whatever UI is shown:
// the web page and the terminal UI alike. The agent is the real one, against the real stub.

import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTerminalUiFor } from '../../../agent/cli/terminal-ui.ts';
import { startWebUiFor } from '../../../agent/cli/web-ui.ts';
import { assembleHal } from '../../../agent/hal-assembly/index.ts';
import { startAgent } from '../../../agent/runtime/agent.ts';
import { createDeviceDeps } from '../../../agent/runtime/create-deps.ts';
import { HID_USAGE_V } from '../../../hal/backends/keyboard/hid-report.ts';
import { bootReport, simulatedHidBus } from '../../../simulator/keyboard/index.ts';
import { treeDir } from '../../helpers/identity.ts';
import { type StartedStub, startStub } from '../../helpers/stub.ts';
import { buildDevice, followScreens, Watched } from './helpers.ts';

let stub: StartedStub;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  stub = await startStub();
  ({ dir, cleanup } = await treeDir('zte-altv-hid-'));
});
afterAll(async () => {
  await stub.close();
  await cleanup();
});

async function bootWithHid(name: string, terminalInput?: PassThrough, now?: () => number) {
  const root = `${dir}/${name}`;
  await buildDevice(root, stub.url, name.length);
  const bus = simulatedHidBus();
  const hal = assembleHal({
    root,
    hid: bus.factory,
    ...(now ? { now } : {}),
    ...(terminalInput ? { terminalInput, onInterrupt: () => undefined } : {}),
  });
  const deps = createDeviceDeps({ server: stub.url, root, stateDir: `${root}/state`, hal });
  const agent = await startAgent(deps);
  return { root, bus, hal, deps, agent };
}

describe('Alt+V on a HID boot keyboard, end to end', () => {
  it('toggles the web UI’s overlay; V without Alt does nothing; the keyboard is released at stop', async () => {
    const { root, bus, hal, deps, agent } = await bootWithHid('web');
    const web = await startWebUiFor(agent, deps, { port: 0, stateDir: `${root}/state`, root, hal });
    const status = await hal.keyboards.start(() => agent.actor.send({ type: 'ALT_V' }));
    expect(status['keyboard:hid']).toBe('available');
    expect(status['keyboard:evdev']).toBe(`unavailable: no keyboard event device under ${root}/dev/input`);
    expect(bus.openCount()).toBe(1);
    // A second start (another UI asking) opens nothing more.
    await hal.keyboards.start(() => agent.actor.send({ type: 'ALT_V' }));
    expect(bus.openCount()).toBe(1);

    const origin = web.url.replace(/\/$/, '');
    const screens = await followScreens(origin);
    try {
      await screens.next((m) => m.state === 'manual.waiting');
      bus.press([bootReport(0, HID_USAGE_V), bootReport(0)]); // V alone: typing, not Alt+V
      bus.press(); // Alt+V
      const opened = await screens.next((m) => m.diagnosticsOpen);
      expect(opened.state).toBe('manual.waiting');
      // Exactly one toggle so far: the plain V changed nothing.
      expect(agent.actor.getSnapshot().value).toMatchObject({ diagnostics: 'open' });
      const d = (await (await fetch(`${origin}/api/diagnostics`)).json()) as {
        backends: Record<string, string>;
      };
      expect(d.backends['keyboard:hid']).toBe('available');
      bus.press();
      await screens.next((m) => !m.diagnosticsOpen);
    } finally {
      screens.close();
      await web.close();
      await hal.keyboards.stop();
      await agent.stop();
    }
    expect(bus.openCount()).toBe(0);
  });

  it('toggles the terminal UI’s overlay, and the terminal’s keys still drive its prompts', async () => {
    const input = new PassThrough();
    const { root, bus, hal, deps, agent } = await bootWithHid('terminal-ui', input);
    const output = new Watched();
    const ui = await startTerminalUiFor(agent, deps, {
      root,
      hal,
      output: { write: (t: string) => output.append(t) },
    });
    // The text UI started the keyboards itself (it reads the terminal through them).
    expect(bus.openCount()).toBe(1);
    try {
      let at = (await output.until('Type 1 then Enter')).end;
      bus.press();
      at = (await output.until('DIAGNOSTICS', at)).end;
      at = (await output.until('Backend keyboard:hid: available', at)).end;
      input.write('\x1b');
      at = (await output.until('Type 1 then Enter', at)).end;
      input.write('2\r');
      await output.until('Enrollment token:', at);
    } finally {
      await ui.close();
      await hal.keyboards.stop();
      await agent.stop();
    }
  });

  it('counts a press seen by the page’s keydown and by the keyboard once (the kiosk browser has focus)', async () => {
    let t = 0;
    const { root, bus, hal, deps, agent } = await bootWithHid('page-and-hid', undefined, () => t);
    const web = await startWebUiFor(agent, deps, { port: 0, stateDir: `${root}/state`, root, hal });
    await hal.keyboards.start(() => agent.actor.send({ type: 'ALT_V' }));
    const altV = async () =>
      (await (
        await fetch(`${web.url}api/alt-v`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).json()) as { diagnosticsOpen: boolean };
    try {
      bus.press(); // the keyboard's report…
      expect(agent.actor.getSnapshot().value).toMatchObject({ diagnostics: 'open' });
      t = 40;
      expect(await altV()).toEqual({ diagnosticsOpen: true }); // …and the page's keydown of the same press
      t = 1_000;
      expect(await altV()).toEqual({ diagnosticsOpen: false }); // a later press on the page alone
    } finally {
      await web.close();
      await hal.keyboards.stop();
      await agent.stop();
    }
  });
});
