// package.json pins light-my-request's `cookie` to 1.1.1 (`overrides`): 2.x wants Node >= 22 and we
// support 20. light-my-request (fastify's inject) only calls cookie's stringifySetCookie({name, value}),
// which 1.1.1 has: an injected request with cookies still carries them.

import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';

describe('fastify inject with the overridden cookie package', () => {
  it('sends the cookies it is given, encoded', async () => {
    const app = Fastify();
    app.get('/', (request) => ({ cookie: request.headers.cookie ?? null }));
    try {
      const res = await app.inject({ method: 'GET', url: '/', cookies: { a: '1', b: 'x y' } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ cookie: 'a=1; b=x%20y' });
    } finally {
      await app.close();
    }
  });
});
