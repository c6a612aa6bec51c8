// `npm start` (simulator/demo/main.ts): prints the OOBE URL, and each demo device reaches its screen.

import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function startDemo(device: string, ...extra: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'simulator/demo/main.ts', '--device', device, '--no-terminal', ...extra],
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
interface ShownModel {
  screen: string;
  state: string;
  locale: string;
  title: string;
  error: { code: string; message: string; steps: string[] } | null;
}

async function screenWhenSettled(url: string): Promise<ShownModel> {
  for (;;) {
    const model = (await (await fetch(`${url}/api/state`)).json()) as ShownModel;
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

  it('serves the stub over HTTPS, the device trusting the demo CA (issue 17); --http runs it plain', async () => {
    const tls = startDemo('pre-provisioned');
    const tlsUrl = await tls.url;
    expect(tls.output()).toMatch(
      /^Enrollment server stub: https:\/\/127\.0\.0\.1:\d+ \(TLS; the device trusts .*ca\.pem\)$/m,
    );
    expect((await screenWhenSettled(tlsUrl)).screen).toBe('enrolled');
    expect(await tls.stop()).toBe(0);
    const plain = startDemo('pre-provisioned', '--http');
    const plainUrl = await plain.url;
    expect(plain.output()).toMatch(/^Enrollment server stub: http:\/\/127\.0\.0\.1:\d+$/m);
    expect((await screenWhenSettled(plainUrl)).screen).toBe('enrolled');
    expect(await plain.stop()).toBe(0);
  }, 60_000);

  it('--locale fr shows the screens and the Alt+V overlay in French', async () => {
    const demo = startDemo('no-licences', '--locale', 'fr');
    const url = await demo.url;
    const model = await screenWhenSettled(url);
    expect(model).toMatchObject({ screen: 'error', locale: 'fr', title: 'Échec de l’inscription' });
    expect(model.error?.code).toBe('missing-licenses');
    expect(model.error?.steps[0]).toBe(
      'Contactez votre revendeur pour acheter d’autres licences Chrome Enterprise Upgrade.',
    );
    const i18n = (await (await fetch(`${url}/api/i18n`)).json()) as { messages: Record<string, string> };
    expect(i18n.messages['page.diag.title']).toBe('Diagnostic');
    const view = (await (await fetch(`${url}/api/diagnostics/view`)).json()) as {
      locale: string;
      device: { eligible: string };
      lastError: { advice: string } | null;
    };
    expect(view.locale).toBe('fr');
    expect(view.device.eligible).toBe('oui');
    expect(view.lastError?.advice).toContain('Contactez votre revendeur');
    expect(await demo.stop()).toBe(0);
  }, 60_000);
});
