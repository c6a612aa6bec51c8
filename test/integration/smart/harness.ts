// The real stub (createStub: its error handler, JSON parser and AJV) over an in-memory database, seeded
// with a SMART section only, test hooks on, and a clock the test moves by hand (never sleeps).

import type Database from 'better-sqlite3';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createStub } from '../../../server-stub/app.ts';
import type { SettableClock } from '../../../server-stub/clock.ts';
import { SMART_TABLES } from '../../../server-stub/db/smart-schema.ts';
import type { SmartSeed } from '../../../server-stub/smart/seed.ts';

export const T0 = new Date('2025-03-10T09:00:00.000Z');
export const DAY_MS = 86_400_000;

export class HandClock implements SettableClock {
  #ms: number;
  constructor(at: Date = T0) {
    this.#ms = at.getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(at: Date): void {
    this.#ms = at.getTime();
  }
  advanceDays(days: number): void {
    this.#ms += days * DAY_MS;
  }
  advanceMs(ms: number): void {
    this.#ms += ms;
  }
}

/** Same shape as the `smart` section of server-stub/fixtures/demo.json. */
export const DEMO_SMART: SmartSeed = {
  invoices: [
    {
      invoice_id: 'SRM-DEMO-0001',
      claim_code: 'SRMC-DEMO-0001',
      product_key: 'SRMK-DEMO-0001-AAAA',
      purchased_days_ago: 30,
      displays: [
        { serial_number: 'SBID1DEMO0001', model_number: 'sbid-mx065-v2', credits: 365 },
        { serial_number: 'SBID1DEMO0002', model_number: 'sbid-mx065-v2', credits: 365 },
        { serial_number: 'SBID1DEMO0003', model_number: 'sbid-mx075-v2', credits: 365 },
      ],
    },
    {
      invoice_id: 'SRM-OLD-0001',
      claim_code: 'SRMC-OLD-0001',
      product_key: 'SRMK-OLD-0001-BBBB',
      purchased_days_ago: 730,
      displays: [{ serial_number: 'SBID1OLD00001', model_number: 'sbid-mx086-v2', credits: 365 }],
    },
    {
      invoice_id: 'SRM-AUTO-0001',
      credits_via: 'enrollment',
      purchased_days_ago: 10,
      displays: [
        { serial_number: 'SBID1AUTO0001', model_number: 'sbid-mx265-v3', credits: 365 },
        { serial_number: 'SBID1AUTO0002', model_number: 'sbid-mx265-v3', credits: 365 },
      ],
    },
  ],
  reseller_keys: [{ product_key: 'SRMR-DEMO-0100-CCCC', credits: 100 }],
};

export interface Harness {
  app: FastifyInstance;
  db: Database.Database;
  clock: HandClock;
  close(): Promise<void>;
}

export async function startSmart(
  seed: SmartSeed | undefined = DEMO_SMART,
  clock = new HandClock(),
): Promise<Harness> {
  const stub = createStub({
    db: ':memory:',
    seed: seed === undefined ? {} : { smart: seed },
    clock,
    testHooks: true,
  });
  await stub.app.ready();
  return { app: stub.app, db: stub.db, clock, close: () => stub.close() };
}

export type Json = Record<string, unknown>;

export interface Answer {
  status: number;
  body: Json;
  raw: LightMyRequestResponse;
}

function answer(raw: LightMyRequestResponse): Answer {
  const text = raw.body;
  const body = text.length === 0 ? {} : (JSON.parse(text) as Json);
  return { status: raw.statusCode, body, raw };
}

export async function post(
  app: FastifyInstance,
  url: string,
  payload: unknown,
  token?: string,
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return answer(await app.inject({ method: 'POST', url, headers, payload: JSON.stringify(payload) }));
}

export async function get(app: FastifyInstance, url: string, token?: string): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return answer(await app.inject({ method: 'GET', url, headers }));
}

export function signup(name: string, over: Json = {}): Json {
  return {
    name,
    organization: `École ${name}`,
    contact_name: 'Camille Martin',
    phone: '+33 1 23 45 67 89',
    email: `it@${name}.example`,
    password: `${name}-password`,
    ...over,
  };
}

interface OutboxMessage {
  to: string;
  subject: string;
  body: string;
  activation_code: string;
  domain: string | null;
  sent_at: string;
}

export async function outbox(app: FastifyInstance, email: string): Promise<OutboxMessage[]> {
  const r = await get(app, `/smart/v1/outbox?email=${encodeURIComponent(email)}`);
  if (r.status !== 200) throw new Error(`outbox answered ${r.status}`);
  return r.body.messages as OutboxMessage[];
}

/** Signs a domain up, activates it with the code of its e-mail and logs in; returns the token. */
export async function activeDomain(app: FastifyInstance, name: string): Promise<string> {
  const body = signup(name);
  const created = await post(app, '/smart/v1/domains', body);
  if (created.status !== 201)
    throw new Error(`signup ${name}: ${created.status} ${JSON.stringify(created.body)}`);
  const mail = (await outbox(app, String(body.email))).find((m) => m.domain === name);
  if (mail === undefined) throw new Error(`no activation e-mail for ${name}`);
  const act = await post(app, `/smart/v1/domains/${name}/activate`, { code: mail.activation_code });
  if (act.status !== 200) throw new Error(`activate ${name}: ${act.status}`);
  const login = await post(app, '/smart/v1/login', { email: body.email, password: body.password });
  if (login.status !== 200) throw new Error(`login ${name}: ${login.status}`);
  return String(login.body.token);
}

/** Row count of every SMART table, to prove a request wrote nothing. */
export function rowCounts(db: Database.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of SMART_TABLES) {
    const row = db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number };
    counts[t] = row.n;
  }
  return counts;
}

/** Full content of every SMART table (stronger than counts: catches UPDATEs too). */
export function snapshot(db: Database.Database): string {
  return JSON.stringify(SMART_TABLES.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
}

/** SMART Admin Portal: claims a purchase's subscription with its claim code (shows its product key). */
export function claim(app: FastifyInstance, claimCode: string): Promise<Answer> {
  return post(app, '/smart/v1/admin-portal/claims', { claim_code: claimCode });
}

/** SRM Billing: the key typed into the "Numéro du code PIN" box, then "Utiliser". */
export function redeem(
  app: FastifyInstance,
  domain: string,
  token: string,
  productKey: string,
): Promise<Answer> {
  return post(app, `/smart/v1/domains/${domain}/billing/redeem`, { product_key: productKey }, token);
}

/** The demo invoice's whole path: claim in Admin Portal, then redeem its key in Billing. */
export async function claimAndRedeemDemo(
  app: FastifyInstance,
  domain: string,
  token: string,
): Promise<Answer> {
  const c = await claim(app, 'SRMC-DEMO-0001');
  if (c.status !== 200) throw new Error(`claim: ${c.status} ${JSON.stringify(c.body)}`);
  return redeem(app, domain, token, String(c.body.product_key));
}

export const DEMO_INVOICE_CREDITS = 3 * 365;
