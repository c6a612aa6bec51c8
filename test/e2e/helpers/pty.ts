// The agent in a real pty (`script`), as a technician on a serial console would see it: a simulated
// Chrome device pre-provisioned nowhere, `agent run --ui terminal` on it, what the pty shows so far,
// waiting until it shows a text, and typing keys.

import { type ChildProcess, spawn } from 'node:child_process';
import { CATALOG } from '../../../agent/catalog/index.ts';
import { buildSimulatedChromeDevice } from '../../../simulator/devices/chrome.ts';
import { createStubClient } from '../../../simulator/devices/stub-client.ts';
import { type ChromeDeviceProfile, chromeDeviceProfile } from '../../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../../simulator/profiles/random.ts';

export interface PtyAgent {
  /** The `script` process; its process group holds the agent. */
  child: ChildProcess;
  /** Resolves once the pty has shown `text` after offset `from`, with the offset just past it. */
  until(text: string, from?: number): Promise<number>;
  /** Everything the pty showed so far. */
  text(): string;
  /** Types keys on the pty. */
  type(keys: string): void;
}

/** An Acer Chromebook 311 (C722/C722T) built under `root` from random seed `seed`. */
export async function buildTerminalDevice(
  root: string,
  stubUrl: string,
  seed: number,
): Promise<ChromeDeviceProfile> {
  const entry = CATALOG.find((e) => e.name === 'Chromebook Acer 311 (C722/C722T)');
  if (!entry) throw new Error('row missing');
  const profile = chromeDeviceProfile(entry, seededRandom(seed));
  await buildSimulatedChromeDevice(root, profile, createStubClient(stubUrl));
  return profile;
}

/** Starts `agent run --ui terminal` (plus `extraArgs`) on the device at `root`, in a new pty. */
export function startTerminalAgent(
  stubUrl: string,
  root: string,
  extraArgs: readonly string[] = [],
): PtyAgent {
  const command = [
    process.execPath,
    '--import',
    'tsx',
    'agent/cli/main.ts',
    'run',
    '--server',
    stubUrl,
    '--root',
    root,
    '--state-dir',
    `${root}/state`,
    '--ui',
    'terminal',
    ...extraArgs,
  ];
  // `script` runs the command through $SHELL. Set it, not taken from the host: with /bin/sh (dash,
  // which does not exec the last command) the agent is a grandchild, so stopping `script` kills the
  // shell and the agent sees the pty hang up (SIGHUP), as on a serial console whose cable is pulled.
  const child = spawn('script', ['-qfec', command.map((a) => `'${a}'`).join(' '), '/dev/null'], {
    detached: true,
    env: { ...process.env, SHELL: '/bin/sh' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: Array<() => void> = [];
  child.stdout?.on('data', (c: Buffer) => {
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
  return {
    child,
    until,
    text: () => out,
    type: (keys) => {
      child.stdin?.write(keys);
    },
  };
}

/** Kills the pty's whole process group, if there is still one (test clean-up). */
export function killPty(child: ChildProcess | null): void {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}
