// `npm start` (simulator/demo/main.ts): prints the OOBE URL, and each demo device reaches its screen.

import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function startDemo(device: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'simulator/demo/main.ts', '--device', device, '--no-terminal'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /^OOBE: (http:\/\/127\.0\.0\.1:\d+\/?)$/m.exec(out);
      if (match?.[1]) resolve(match[1].replace(/\/$/, ''));
    });
    child.on('close', (code) => reject(new Error(`demo exited ${code} before printing its URL:\n${out}`)));
  });
  const stopped = new Promise<number | null>((resolve) => child.on('close', resolve));
  const stop = () => {
    child.kill('SIGTERM');
    return stopped;
  };
  return { url, stop, output: () => out };
}

/** Polls the page's own state endpoint until the screen settles (no wall-clock assertion). */
async function screenWhenSettled(url: string): Promise<{ screen: string; state: string }> {
  for (;;) {
    const model = (await (await fetch(`${url}/api/state`)).json()) as { screen: string; state: string };
    if (['enrolled', 'manual', 'error'].includes(model.screen) && model.state !== 'managed.fetchingPolicy')
      return model;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start', () => {
  it.each([
    ['pre-provisioned', 'enrolled'],
    ['not-pre-provisioned', 'manual'],
    ['no-licences', 'error'],
    ['smart-board', 'enrolled'],
  ])(
    '--device %s shows the %s screen at the printed URL, and stops cleanly',
    async (device, screen) => {
      const demo = startDemo(device);
      const url = await demo.url;
      expect((await screenWhenSettled(url)).screen).toBe(screen);
      expect(await demo.stop()).toBe(0);
      expect(demo.output()).toContain('Demo stopped on:');
    },
    60_000,
  );
});
