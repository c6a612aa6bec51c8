// The JSON body parser: like fastify's, except that an empty body with a JSON content type counts as
// "no body" (the route's schema then decides whether a body is required).

import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors.ts';

export function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new ApiError(400, 'INVALID_JSON', 'body is not valid JSON'), undefined);
    }
  });
}
