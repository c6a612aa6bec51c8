// Who may talk to the local OOBE server: the rules alone (the HTTP refusals are in
// test/integration/ui/security.test.ts).

import { describe, expect, it } from 'vitest';
import { refusalFor } from '../../../agent/ui/web/index.ts';

const PORT = 43210;
const ok = { host: `127.0.0.1:${PORT}` };
const json = { 'content-type': 'application/json' };

describe('refusalFor', () => {
  it.each([`127.0.0.1:${PORT}`, `localhost:${PORT}`, `LOCALHOST:${PORT}`])('accepts Host %s', (host) => {
    expect(refusalFor({ method: 'GET', headers: { host } }, PORT)).toBeNull();
  });

  it.each([
    undefined,
    'evil.example',
    `evil.example:${PORT}`,
    `127.0.0.1:${PORT + 1}`,
    '127.0.0.1',
    `127.0.0.2:${PORT}`,
    `[::1]:${PORT}`,
    `localhost.evil.example:${PORT}`,
  ])('refuses Host %s', (host) => {
    expect(refusalFor({ method: 'GET', headers: host === undefined ? {} : { host } }, PORT)?.reason).toBe(
      'bad-host',
    );
  });

  it('refuses everything until the port is known', () => {
    expect(refusalFor({ method: 'GET', headers: { host: '127.0.0.1:0' } }, 0)?.reason).toBe('bad-host');
  });

  it.each(['http://evil.example', 'null', `http://127.0.0.1:${PORT + 1}`, `https://127.0.0.1:${PORT}`])(
    'refuses Origin %s, on POST and on GET',
    (origin) => {
      expect(refusalFor({ method: 'POST', headers: { ...ok, ...json, origin } }, PORT)?.reason).toBe(
        'bad-origin',
      );
      expect(refusalFor({ method: 'GET', headers: { ...ok, origin } }, PORT)?.reason).toBe('bad-origin');
    },
  );

  it('accepts its own origins', () => {
    for (const origin of [`http://127.0.0.1:${PORT}`, `http://localhost:${PORT}`]) {
      expect(refusalFor({ method: 'POST', headers: { ...ok, ...json, origin } }, PORT)).toBeNull();
    }
  });

  it.each([
    undefined,
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
  ])('refuses a POST whose content type is %s', (type) => {
    const headers = type === undefined ? ok : { ...ok, 'content-type': type };
    expect(refusalFor({ method: 'POST', headers }, PORT)?.reason).toBe('not-json');
  });

  it('accepts JSON with a charset', () => {
    expect(
      refusalFor(
        { method: 'POST', headers: { ...ok, 'content-type': 'application/json; charset=utf-8' } },
        PORT,
      ),
    ).toBeNull();
  });

  it.each(['cross-site', 'same-site'])('refuses a POST, or an API read, the browser marks %s', (site) => {
    const headers = { ...ok, 'sec-fetch-site': site };
    expect(
      refusalFor({ method: 'POST', url: '/api/retry', headers: { ...headers, ...json } }, PORT)?.reason,
    ).toBe('cross-site');
    expect(refusalFor({ method: 'GET', url: '/api/diagnostics?refresh=1', headers }, PORT)?.reason).toBe(
      'cross-site',
    );
    // A link from elsewhere may still open the page itself.
    expect(refusalFor({ method: 'GET', url: '/', headers }, PORT)).toBeNull();
  });
});
