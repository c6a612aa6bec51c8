// The whole chain as a device runs it: `agent run --ui web` (the CLI, through tsx) on a simulated
// Chromebook tree, against the real enrollment stub, with the page in real headless Chromium.
// A pre-provisioned device enrolls by itself; one that is not is enrolled from the page with the demo
// seed's admin account. SIGTERM stops the agent; stdout holds only the `--json` line.

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../agent/catalog/index.ts';
import { buildSimulatedChromeDevice, preprovisionEntry } from '../../simulator/devices/chrome.ts';
import { createStubClient } from '../../simulator/devices/stub-client.ts';
import { chromeDeviceProfile } from '../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../simulator/profiles/random.ts';
import { treeDir } from '../helpers/identity.ts';
import { DEMO, type StartedStub, startStub } from '../helpers/stub.ts';
import {
  type Browser,
  launchBrowser,
  screenshot,
  waitFor,
  waitForScreen,
  waitForText,
} from './helpers/browser.ts';

let browser: Browser;
let stub: StartedStub;
let dir: string;
let cleanup: () => Promise<void>;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  [browser, stub, { dir, cleanup }] = await Promise.all([
    launchBrowser(),
    startStub(),
    treeDir('zte-oobe-cli-'),
  ]);
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all([browser?.close(), stub?.close(), cleanup?.()]);
});

const acer311 = () => {
  const entry = CATALOG.find((e) => e.name === 'Chromebook Acer 311 (C722/C722T)');
  if (!entry) throw new Error('catalog row missing');
  return entry;
};

interface RunningAgent {
  url: string;
  child: ChildProcess;
  stdout: () => string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `agent run --ui web --ui-port 0 --json` and waits for the URL it logs on stderr. */
async function runAgent(root: string): Promise<RunningAgent> {
  const child = spawn(
    process.execPath,
    [
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
      'web',
      '--ui-port',
      '0',
      '--json',
    ],
    { env: { ...process.env, ZTE_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const errLines: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stderr as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      errLines.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'web UI listening' && entry.url) resolve(entry.url);
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`agent exited (${code}) before serving:\n${errLines.join('\n')}`)),
    );
  });
  return {
    url,
    child,
    stdout: () => out,
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

describe('agent run --ui web against the stub', () => {
  it('serves on 127.0.0.1; a pre-provisioned Chromebook enrolls by itself and the page says so', async () => {
    const client = createStubClient(stub.url);
    const profile = chromeDeviceProfile(acer311(), seededRandom(505), { manufactureDate: '2022-05-01' });
    await buildSimulatedChromeDevice(`${dir}/zte`, profile, client);
    await client.preprovision({
      partnerKey: DEMO.partnerKey,
      customerId: DEMO.customer,
      token: DEMO.token,
      devices: [preprovisionEntry(profile)],
    });
    const agent = await runAgent(`${dir}/zte`);
    expect(new URL(agent.url).hostname).toBe('127.0.0.1');
    const page = await browser.page();
    try {
      await page.goto(agent.url);
      await waitForScreen(page, 'enrolled');
      await waitForText(page, '#managed-by', 'This device is managed by demo.example');
      await waitForText(page, '#device-line', profile.expected.serialNumber);
      await screenshot(page, 'cli-enrolled');
    } finally {
      await page.close();
    }
    expect(await agent.stop()).toBe(0);
    const lines = agent.stdout().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      outcome: 'managed',
      reason: 'enrolled',
      managementDomain: 'demo.example',
    });
  });

  it('a device that is not pre-provisioned is enrolled from the page with the demo admin account', async () => {
    const profile = chromeDeviceProfile(acer311(), seededRandom(506), { manufactureDate: '2022-05-01' });
    await buildSimulatedChromeDevice(`${dir}/manual`, profile, createStubClient(stub.url), {
      withAttestationKey: false,
    });
    const agent = await runAgent(`${dir}/manual`);
    const page = await browser.page();
    try {
      await page.goto(agent.url);
      await waitForScreen(page, 'manual');
      await waitForText(page, '#manual-reason', 'not listed as pre-provisioned');

      await page.keyboard.press('Alt+KeyV');
      await waitFor(page, '#diagnostics[data-loaded="true"]');
      await waitForText(page, '#diag-serial', profile.expected.serialNumber);
      await waitForText(page, '#diag-server-preprovisioned', 'no');
      await page.keyboard.press('Escape');
      await page.locator('#diagnostics').waitFor({ state: 'hidden' });

      await page.locator('#manual-email').fill(DEMO.admin.email);
      await page.locator('#manual-password').fill(DEMO.admin.password);
      await page.locator('#manual-password').press('Enter');
      await waitForScreen(page, 'enrolled');
      await waitForText(page, '#managed-by', 'This device is managed by demo.example');
    } finally {
      await page.close();
    }
    expect(await agent.stop()).toBe(0);
    const line = JSON.parse(agent.stdout().trim()) as { outcome: string; managementDomain: string };
    expect(line).toMatchObject({ outcome: 'managed', managementDomain: 'demo.example' });
  });
});
