// The JSON body parser: like fastify's, except that an empty body with a JSON content type counts as
// "no body" (the route's schema then decides whether a body is required), and that strings which are
// not well-formed Unicode (a lone surrogate escape such as "\ud800") are refused with a 400 naming the
// field: SQLite stores text as UTF-8, so such a string could not be stored (or compared) as sent.

import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors.ts';
import { jsonPointerToPath } from './validation-message.ts';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

interface Step {
  key: string;
  parent: Step | null;
}

function pointerOf(step: Step | null): string {
  const keys: string[] = [];
  for (let at = step; at !== null; at = at.parent) keys.push(at.key.replace(/~/g, '~0').replace(/\//g, '~1'));
  return keys
    .reverse()
    .map((k) => `/${k}`)
    .join('');
}

/**
 * JSON pointer of a key or string value that is not well-formed Unicode, else null. Iterative, and
 * the path is only spelled out when found: a body may nest tens of thousands of levels deep.
 */
export function illFormedAt(value: unknown): string | null {
  const stack: [unknown, Step | null][] = [[value, null]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [v, step] = next;
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) return pointerOf(step);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], { key: String(i), parent: step }]);
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i] as [string, unknown];
        const at: Step = { key: k, parent: step };
        if (LONE_SURROGATE.test(k)) return pointerOf(at);
        stack.push([child, at]);
      }
    }
  }
  return null;
}

export function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      done(new ApiError(400, 'INVALID_JSON', 'body is not valid JSON'), undefined);
      return;
    }
    const bad = illFormedAt(parsed);
    if (bad !== null) {
      const field = `body${jsonPointerToPath(bad)}`;
      done(
        new ApiError(400, 'INVALID_REQUEST', `${field} is not well-formed Unicode (lone surrogate)`),
        undefined,
      );
      return;
    }
    done(null, parsed);
  });
}
