// The local OOBE server refuses what a hostile web page could send it (issue 7 item 4): requests
// naming another host (DNS rebinding), cross-origin and cross-site posts, simple form posts without
// a JSON content type; it listens on 127.0.0.1 only. Real HTTP against the real server.

import { describe, expect, it } from 'vitest';
import { startWebUi } from '../../../agent/ui/web/index.ts';
import { fakeDiagnosticsDeps, happyScript, NOT_IN_SET, startMachine } from '../../helpers/machine/index.ts';
import { raw, serveUi } from './helpers.ts';

const manualScript = () => ({
  ...happyScript(),
  fetchEnrollmentState: [{ ok: NOT_IN_SET }],
  manualEnroll: [{ hold: true as const }],
});
const CREDENTIALS = JSON.stringify({
  method: 'credentials',
  email: 'admin@demo.example',
  password: 'demo-password',
});

describe('Host check (DNS rebinding)', () => {
  it.each([
    ['GET', '/'],
    ['GET', '/api/state'],
    ['GET', '/api/events'],
    ['GET', '/api/diagnostics'],
    ['GET', '/api/diagnostics?refresh=1'],
    ['POST', '/api/manual-enroll'],
    ['POST', '/api/diagnostics/export'],
  ])('%s %s with a foreign Host is refused 403', async (method, path) => {
    const s = await serveUi(manualScript());
    try {
      await s.agent.reach('manual.waiting');
      for (const host of [
        'rebind.evil.example',
        `rebind.evil.example:${s.ui.port}`,
        `127.0.0.1:${s.ui.port + 1}`,
      ]) {
        const answer = await raw(s.ui.port, {
          method,
          path,
          headers: { host, 'content-type': 'application/json' },
          ...(method === 'POST' ? { body: CREDENTIALS } : {}),
        });
        expect(answer.status, `${host}`).toBe(403);
        expect(JSON.parse(answer.body)).toMatchObject({ error: 'forbidden', reason: 'bad-host' });
      }
      // Nothing reached the machine, the server was not asked, nothing was written.
      expect(s.agent.calls.manualEnroll).toBeUndefined();
      expect(s.agent.flowState()).toBe('manual.waiting');
      expect(s.fake.lookups()).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('answers to 127.0.0.1:<port> and localhost:<port>', async () => {
    const s = await serveUi(happyScript());
    try {
      for (const host of [`127.0.0.1:${s.ui.port}`, `localhost:${s.ui.port}`]) {
        expect((await raw(s.ui.port, { path: '/api/state', headers: { host } })).status).toBe(200);
      }
      const events = await raw(s.ui.port, {
        path: '/api/events',
        headers: { host: `localhost:${s.ui.port}` },
        firstChunk: true,
      });
      expect(events.status).toBe(200);
      expect(events.headers['content-type']).toContain('text/event-stream');
    } finally {
      await s.close();
    }
  });
});

describe('Origin, Sec-Fetch-Site and content type (cross-site requests)', () => {
  it('refuses a manual enrollment posted from another origin, or from an opaque one', async () => {
    const s = await serveUi(manualScript());
    try {
      await s.agent.reach('manual.waiting');
      for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${s.ui.port + 1}`]) {
        const r = await fetch(`${s.origin}/api/manual-enroll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: CREDENTIALS,
        });
        expect(r.status, origin).toBe(403);
        expect(await r.json()).toMatchObject({ reason: 'bad-origin' });
      }
      expect(s.agent.calls.manualEnroll).toBeUndefined();
    } finally {
      await s.close();
    }
  });

  it('refuses reading the diagnostics from another origin', async () => {
    const s = await serveUi(happyScript());
    try {
      const r = await fetch(`${s.origin}/api/diagnostics`, { headers: { origin: 'http://evil.example' } });
      expect(r.status).toBe(403);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await s.close();
    }
  });

  it('refuses a POST the browser marks cross-site even without an Origin', async () => {
    const s = await serveUi(happyScript());
    try {
      const r = await fetch(`${s.origin}/api/alt-v`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
        body: '{}',
      });
      expect(r.status).toBe(403);
      expect((s.agent.view.actor.getSnapshot().value as { diagnostics: string }).diagnostics).toBe('closed');
    } finally {
      await s.close();
    }
  });

  it.each([
    ['no content type', undefined, CREDENTIALS],
    ['text/plain', 'text/plain', CREDENTIALS],
    [
      'a form post',
      'application/x-www-form-urlencoded',
      'method=credentials&email=admin%40demo.example&password=x',
    ],
    [
      'multipart',
      'multipart/form-data; boundary=zz',
      '--zz\r\nContent-Disposition: form-data; name="method"\r\n\r\ncredentials\r\n--zz--',
    ],
  ])('refuses a state-changing request with %s', async (_label, type, body) => {
    const s = await serveUi(manualScript());
    try {
      await s.agent.reach('manual.waiting');
      const headers: Record<string, string> = type === undefined ? {} : { 'content-type': type };
      for (const path of ['/api/manual-enroll', '/api/alt-v', '/api/diagnostics/export']) {
        const r = await fetch(`${s.origin}${path}`, { method: 'POST', headers, body });
        expect(r.status, path).toBe(403);
        expect(await r.json()).toMatchObject({ reason: 'not-json' });
      }
      expect(s.agent.calls.manualEnroll).toBeUndefined();
    } finally {
      await s.close();
    }
  });

  it('accepts the page’s own JSON posts, with or without its Origin', async () => {
    const s = await serveUi(manualScript());
    try {
      await s.agent.reach('manual.waiting');
      const r = await fetch(`${s.origin}/api/manual-enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: s.origin, 'sec-fetch-site': 'same-origin' },
        body: CREDENTIALS,
      });
      expect(r.status).toBe(202);
      await s.agent.reach('manual.enrolling');
      expect(s.agent.calls.manualEnroll?.[0]?.request).toMatchObject({
        method: 'credentials',
        email: 'admin@demo.example',
      });
    } finally {
      await s.close();
    }
  });
});

describe('loopback only', () => {
  it('is not reachable on another address of the machine, even another loopback one', async () => {
    const s = await serveUi(happyScript());
    try {
      expect(new URL(s.ui.url).hostname).toBe('127.0.0.1');
      // Bound to 127.0.0.1 alone: 127.0.0.2 (also loopback on Linux) finds nobody listening.
      await expect(fetch(`http://127.0.0.2:${s.ui.port}/api/state`)).rejects.toThrow();
    } finally {
      await s.close();
    }
  });

  it('refuses to listen anywhere but 127.0.0.1', async () => {
    const agent = startMachine(happyScript());
    try {
      await expect(
        startWebUi({
          handle: agent.view,
          deps: fakeDiagnosticsDeps().deps,
          stateDir: '/nonexistent',
          agentVersion: 'x',
          host: '0.0.0.0' as '127.0.0.1',
        }),
      ).rejects.toThrow(/127\.0\.0\.1 only/);
    } finally {
      agent.stop();
    }
  });

  it('sends the browser security headers on every answer', async () => {
    const s = await serveUi(happyScript());
    try {
      for (const path of ['/', '/assets/app.js', '/api/state']) {
        const r = await fetch(`${s.origin}${path}`);
        expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
        expect(r.headers.get('x-content-type-options')).toBe('nosniff');
        expect(r.headers.get('x-frame-options')).toBe('DENY');
      }
    } finally {
      await s.close();
    }
  });
});
