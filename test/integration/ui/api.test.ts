// The OOBE server's API over real HTTP: the screen model (polled and pushed), the buttons as machine
// events (refused where the screen does not offer them), the diagnostics and their export.

import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScreenModel } from '../../../agent/ui/web/index.ts';
import { happyScript, NOT_IN_SET, registration } from '../../helpers/machine/index.ts';
import { serveUi } from './helpers.ts';

const post = (origin: string, path: string, body: unknown = {}) =>
  fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Reads server-sent `screen` frames until one satisfies `until`. */
async function readFrames(
  origin: string,
  until: (m: ScreenModel) => boolean,
  onOpen?: () => void,
): Promise<ScreenModel[]> {
  const response = await fetch(`${origin}/api/events`);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  const frames: ScreenModel[] = [];
  let buffer = '';
  let opened = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended after ${frames.map((f) => f.state).join(', ')}`);
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (block.includes('event: screen') && data) {
        const model = JSON.parse(data.slice(6)) as ScreenModel;
        frames.push(model);
        if (until(model)) {
          await reader.cancel();
          return frames;
        }
        if (!opened) {
          opened = true;
          onOpen?.();
        }
      }
      end = buffer.indexOf('\n\n');
    }
  }
}

describe('screen model', () => {
  it('GET /api/state answers the current screen', async () => {
    const s = await serveUi(happyScript());
    try {
      await s.agent.reach('managed.idle');
      const model = (await (await fetch(`${s.origin}/api/state`)).json()) as ScreenModel;
      expect(model).toMatchObject({
        screen: 'enrolled',
        state: 'managed.idle',
        message: 'This device is managed by demo.example',
      });
    } finally {
      await s.close();
    }
  });

  it('GET /api/events pushes the current screen at once, then each transition', async () => {
    const s = await serveUi({ ...happyScript(), registerDevice: [{ hold: true }] });
    try {
      await s.agent.reach('automatic.registering.sending');
      const frames = await readFrames(
        s.origin,
        (m) => m.state === 'managed.idle',
        () =>
          s.agent.release('registerDevice', {
            ok: registration(),
          }),
      );
      expect(frames.map((f) => f.screen)).toEqual(['enrolling', 'enrolled', 'enrolled']);
      expect(frames.map((f) => f.state)).toEqual([
        'automatic.registering.sending',
        'managed.fetchingPolicy',
        'managed.idle',
      ]);
    } finally {
      await s.close();
    }
  });
});

describe('buttons', () => {
  it('Retry and "Enroll manually" only from the error screen', async () => {
    const s = await serveUi({
      ...happyScript(),
      registerDevice: [{ error: { code: 'missing-licenses' } }, { hold: true }],
    });
    try {
      await s.agent.reach('error');
      const manual = await post(s.origin, '/api/enroll-manually');
      expect(manual.status).toBe(202);
      expect(s.agent.flowState()).toBe('manual.waiting');
      const late = await post(s.origin, '/api/retry');
      expect(late.status).toBe(409);
      expect(await late.json()).toMatchObject({ error: 'conflict', state: 'manual.waiting' });
    } finally {
      await s.close();
    }
  });

  it('Retry starts over from the identity', async () => {
    const s = await serveUi({
      ...happyScript(),
      registerDevice: [{ error: { code: 'missing-licenses' } }, { hold: true }],
    });
    try {
      await s.agent.reach('error');
      expect((await post(s.origin, '/api/retry')).status).toBe(202);
      await s.agent.reach('automatic.registering.sending');
      expect(s.agent.calls.readIdentity).toHaveLength(2);
    } finally {
      await s.close();
    }
  });

  it('manual enrollment: 409 off the manual screen, 400 with the field for a bad body, 202 when sent', async () => {
    const s = await serveUi({
      ...happyScript(),
      fetchEnrollmentState: [{ hold: true }, { ok: NOT_IN_SET }],
      manualEnroll: [{ hold: true }],
    });
    try {
      await s.agent.reach('automatic.determining');
      expect(
        (await post(s.origin, '/api/manual-enroll', { method: 'enrollment-token', token: 't' })).status,
      ).toBe(409);
      s.agent.release('fetchEnrollmentState', { ok: NOT_IN_SET });
      await s.agent.reach('manual.waiting');
      const bad = await post(s.origin, '/api/manual-enroll', { method: 'smart-domain', domain: 'Not Valid' });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: 'invalid', field: 'domain' });
      const broken = await fetch(`${s.origin}/api/manual-enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"method":',
      });
      expect(broken.status).toBe(400);
      const good = await post(s.origin, '/api/manual-enroll', {
        method: 'enrollment-token',
        token: 'ent-demo-0001',
      });
      expect(good.status).toBe(202);
      await s.agent.reach('manual.enrolling');
      expect(s.agent.calls.manualEnroll?.[0]?.request).toEqual({
        method: 'enrollment-token',
        token: 'ent-demo-0001',
      });
    } finally {
      await s.close();
    }
  });

  it('Alt+V toggles the machine’s diagnostics region; close closes it', async () => {
    const s = await serveUi(happyScript());
    const region = () => (s.agent.view.actor.getSnapshot().value as { diagnostics: string }).diagnostics;
    try {
      expect(await (await post(s.origin, '/api/alt-v')).json()).toEqual({ diagnosticsOpen: true });
      expect(region()).toBe('open');
      expect(await (await post(s.origin, '/api/alt-v')).json()).toEqual({ diagnosticsOpen: false });
      await post(s.origin, '/api/alt-v');
      expect(await (await post(s.origin, '/api/diagnostics/close')).json()).toEqual({
        diagnosticsOpen: false,
      });
      expect(region()).toBe('closed');
    } finally {
      await s.close();
    }
  });

  it('refuses bodies over 16 KiB and answers unknown paths with JSON 404', async () => {
    const s = await serveUi(happyScript());
    try {
      const big = await post(s.origin, '/api/manual-enroll', {
        method: 'credentials',
        email: 'a@b.c',
        password: 'x'.repeat(20_000),
      });
      expect(big.status).toBe(413);
      const missing = await fetch(`${s.origin}/etc/passwd`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: 'not-found' });
    } finally {
      await s.close();
    }
  });
});

describe('diagnostics', () => {
  it('GET /api/diagnostics: the documented object, the server answer cached until refreshed', async () => {
    const s = await serveUi(happyScript());
    try {
      await s.agent.reach('managed.idle');
      const d = (await (await fetch(`${s.origin}/api/diagnostics`)).json()) as Record<string, unknown>;
      expect(Object.keys(d)).toEqual([
        'agentVersion',
        'identity',
        'zteReady',
        'server',
        'network',
        'state',
        'history',
        'lastError',
        'policy',
        'backends',
      ]);
      expect(d).toMatchObject({ agentVersion: '0.0.0-test', zteReady: true, state: 'managed.idle' });
      await fetch(`${s.origin}/api/diagnostics`);
      expect(s.fake.lookups()).toBe(1);
      await fetch(`${s.origin}/api/diagnostics?refresh=1`);
      expect(s.fake.lookups()).toBe(2);
      const refreshed = await post(s.origin, '/api/diagnostics/refresh');
      expect(refreshed.status).toBe(200);
      expect(s.fake.lookups()).toBe(3);
    } finally {
      await s.close();
    }
  });

  it('POST /api/diagnostics/export writes the bundle and answers its path and QR code', async () => {
    const s = await serveUi(happyScript());
    try {
      await s.agent.reach('managed.idle');
      const r = await post(s.origin, '/api/diagnostics/export');
      expect(r.status).toBe(200);
      const result = (await r.json()) as { path: string; fileName: string; summary: string; qrSvg: string };
      expect(result.path).toBe(join(s.stateDir, result.fileName));
      await access(result.path);
      expect(JSON.parse(await readFile(result.path, 'utf8')).diagnostics.state).toBe('managed.idle');
      expect(result.summary).toContain(`FILE:${result.fileName}`);
      expect(result.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    } finally {
      await s.close();
    }
  });

  it('says why when the bundle cannot be written', async () => {
    const s = await serveUi(happyScript());
    try {
      await s.agent.reach('managed.idle');
      // The state directory's place is taken by a file.
      await writeFile(join(s.stateDir, 'blocker'), 'x');
      const blocked = await serveUi(happyScript(), { stateDir: join(s.stateDir, 'blocker') });
      try {
        const r = await post(blocked.origin, '/api/diagnostics/export');
        expect(r.status).toBe(500);
        expect(await r.json()).toMatchObject({ error: 'export-failed', code: 'EEXIST' });
      } finally {
        await blocked.close();
      }
    } finally {
      await s.close();
    }
  });
});
