// The device bundle (`npm run build`, what the systemd unit runs with `--ui web`) serves the OOBE page.

import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../agent/catalog/index.ts';
import { PAGE_MODULES } from '../../../agent/ui/web/server.ts';
import { buildSimulatedChromeDevice } from '../../../simulator/devices/chrome.ts';
import { createStubClient } from '../../../simulator/devices/stub-client.ts';
import { chromeDeviceProfile } from '../../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../../simulator/profiles/random.ts';
import { buildAgentBundle } from '../../helpers/agent-process.ts';
import { treeDir } from '../../helpers/identity.ts';
import { type StartedStub, startStub } from '../../helpers/stub.ts';

let stub: StartedStub;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  stub = await startStub();
  ({ dir, cleanup } = await treeDir('zte-bundle-ui-'));
});
afterAll(async () => {
  await stub.close();
  await cleanup();
});

describe('bundled agent with --ui web', () => {
  it('serves the OOBE page and its assets from dist', async () => {
    const entry = await buildAgentBundle();
    const row = CATALOG.find((e) => e.name === 'Chromebook Acer 311 (C722/C722T)');
    if (!row) throw new Error('row missing');
    const root = `${dir}/dev`;
    await buildSimulatedChromeDevice(
      root,
      chromeDeviceProfile(row, seededRandom(5)),
      createStubClient(stub.url),
    );
    const child = spawn(
      process.execPath,
      [entry, 'run', '--server', stub.url, '--root', root, '--state-dir', `${root}/state`, '--ui', 'web'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let err = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString();
        const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/?"/.exec(err);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('close', (code) => reject(new Error(`agent exited ${code}: ${err}`)));
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      // Stop it only once it shows the manual screen (read from the page's own event stream, not
      // after some time), so the exit code says where it stopped, not how fast the machine is.
      const events = await fetch(`${url}/api/events`);
      const reader = events.body?.getReader();
      let buffered = '';
      for (let screen = ''; screen !== 'manual'; ) {
        const chunk = await reader?.read();
        if (chunk === undefined || chunk.done) throw new Error(`the event stream ended: ${err}`);
        buffered += new TextDecoder().decode(chunk.value);
        for (const line of buffered.split('\n')) {
          if (line.startsWith('data: '))
            screen = (JSON.parse(line.slice(6)) as { screen?: string }).screen ?? '';
        }
        buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
      }
      await reader?.cancel();
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
      for (const asset of ['/assets/app.css', ...PAGE_MODULES.map((file) => `/assets/${file}`)])
        expect((await fetch(`${url}${asset}`)).status, asset).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    // Stopped on the manual screen (this device is not pre-provisioned): exit 3, as documented.
    expect(await closed, err).toBe(3);
  }, 60_000);
});
