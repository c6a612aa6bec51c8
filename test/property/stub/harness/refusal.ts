// The refusal contract every bad request must meet: a 4xx, a JSON body `{error_message, error_code |
// dm_status}` naming the offending field, and nothing written to the database.

import { expect } from 'vitest';
import { dmStatusForHttp } from '../../../../protocol/status.ts';
import type { StartedStub } from '../../../helpers/stub.ts';
import { snapshot } from './db-snapshot.ts';
import { type Answer, jsonBody, type Req, send } from './http-client.ts';

export interface Refusal {
  /** The DM endpoint answers `dm_status` (the one DESIGN §5 pairs with the HTTP status). */
  dm?: boolean;
  /** The error_message must name this field (substring) or match this pattern. */
  field?: string | RegExp | undefined;
  status?: number | readonly number[];
}

function describeReq(req: Req, a: Answer): string {
  const body =
    req.body === undefined ? '' : ` body(${Buffer.byteLength(req.body)}B)=${String(req.body).slice(0, 160)}`;
  return `${req.method} ${req.path.slice(0, 160)} auth=${JSON.stringify(req.headers?.authorization)}${body} → ${a.status} ${a.text.slice(0, 300)}`;
}

/** Sends the request and checks: a 4xx, a JSON error body naming the field, and nothing written. */
export async function expectRefused(s: StartedStub, req: Req, exp: Refusal = {}): Promise<Answer> {
  const before = snapshot(s);
  const a = await send(s.url, req);
  const where = describeReq(req, a);
  expect(a.status, where).toBeGreaterThanOrEqual(400);
  expect(a.status, where).toBeLessThan(500);
  if (exp.status !== undefined) {
    const allowed = typeof exp.status === 'number' ? [exp.status] : exp.status;
    expect(allowed, where).toContain(a.status);
  }
  expect(a.headers['content-type'], where).toMatch(/^application\/json/);
  const body = jsonBody(a);
  expect(typeof body.error_message, where).toBe('string');
  expect(String(body.error_message).length, where).toBeGreaterThan(0);
  if (exp.dm === true) expect(body.dm_status, where).toBe(dmStatusForHttp(a.status));
  else expect(typeof body.error_code, where).toBe('string');
  if (typeof exp.field === 'string') expect(body.error_message, where).toContain(exp.field);
  else if (exp.field !== undefined) expect(body.error_message, where).toMatch(exp.field);
  expect(snapshot(s), where).toEqual(before);
  return a;
}
