// Domain accounts (seed 002, "Créer et activer un compte de domaine"): sign-up, the activation e-mail
// (the stub's outbox), activation (which starts the 30-day trial), login sessions.

import type { Clock } from '../clock.ts';
import type { SmartDomainRow } from '../db/smart-domains.ts';
import type { SmartStores } from '../db/smart-stores.ts';
import { badRequest } from '../http/errors.ts';
import { smartError } from './errors.ts';
import { DOMAIN_NAME_PATH_LIMIT } from './rules.ts';
import {
  DUMMY_PASSWORD_HASH,
  newActivationCode,
  newSessionToken,
  sameSecret,
  tokenDigest,
  verifyPassword,
} from './secrets.ts';
import { type DomainView, domainView } from './state.ts';
import { addDays, iso, TRIAL_DAYS } from './time.ts';

export const ACTIVATION_SENDER = 'registration@glbth.com';

export interface SmartContext {
  readonly stores: SmartStores;
  readonly clock: Clock;
}

export interface NewDomain {
  name: string;
  organization: string;
  contact_name: string;
  phone: string;
  email: string;
}

export interface OutboxMessage {
  to: string;
  subject: string;
  body: string;
  activation_code: string | null;
  /** The domain an activation e-mail is about; null for a purchase confirmation. */
  domain: string | null;
  sent_at: string;
}

export function normalizeEmail(email: string): string {
  return email.toLowerCase();
}

export function activationLink(domain: string, code: string): string {
  return `/smart/v1/domains/${domain}/activate?code=${code}`;
}

export function activationMessage(d: NewDomain, code: string): { subject: string; body: string } {
  return {
    subject: `Activate your SMART Remote Management domain "${d.name}"`,
    body: [
      `Hello ${d.contact_name},`,
      '',
      `The SMART Remote Management domain account "${d.name}" of ${d.organization} has been created.`,
      `Click the link below to activate it; your ${TRIAL_DAYS}-day free trial starts at activation.`,
      '',
      `  ${activationLink(d.name, code)}`,
      '',
      `Or POST {"code": "${code}"} to /smart/v1/domains/${d.name}/activate.`,
      `Activation code: ${code}`,
      '',
      `This message was sent by ${ACTIVATION_SENDER}.`,
    ].join('\n'),
  };
}

/** Writes a domain row and its first e-mail or billing row (caller's transaction). */
export function insertDomain(stores: SmartStores, row: SmartDomainRow): void {
  stores.domains.insert(row);
  if (row.status === 'PENDING_ACTIVATION') {
    const m = activationMessage(row, row.activation_code);
    stores.domains.mail({
      to_email: row.email,
      subject: m.subject,
      body: m.body,
      activation_code: row.activation_code,
      domain: row.name,
      sent_at: row.created_at,
    });
  } else if (row.activated_at !== null) {
    trialStarted(stores, row.name, row.activated_at, row.balance);
  }
}

function trialStarted(stores: SmartStores, name: string, at: string, balance: number): void {
  stores.ledger.bill(name, {
    at,
    type: 'TRIAL_STARTED',
    credits: 0,
    balance,
    product_key: null,
    serial_number: null,
    invoice_id: null,
  });
}

export function requireDomain(stores: SmartStores, name: string): SmartDomainRow {
  const row = stores.domains.get(name);
  if (row === undefined) throw smartError('DOMAIN_NOT_FOUND', `domain "${name}" does not exist`);
  return row;
}

/** Sign-up: a pending domain and its activation e-mail, in one transaction. */
export function createDomain(ctx: SmartContext, input: NewDomain, passwordHash: string): DomainView {
  if ([...input.name].length > DOMAIN_NAME_PATH_LIMIT) {
    throw badRequest(
      `body.name must not have more than ${DOMAIN_NAME_PATH_LIMIT} characters: the stub refuses longer ` +
        'path parameters, so /smart/v1/domains/{name} could not name it (server-stub/README.md, Conventions)',
    );
  }
  const { stores } = ctx;
  const now = ctx.clock.now();
  const run = stores.db.transaction(() => {
    if (stores.domains.get(input.name) !== undefined) {
      throw smartError('DOMAIN_TAKEN', `domain name "${input.name}" is already taken`);
    }
    insertDomain(stores, {
      ...input,
      email: normalizeEmail(input.email),
      password_hash: passwordHash,
      status: 'PENDING_ACTIVATION',
      activation_code: newActivationCode(),
      created_at: iso(now),
      activated_at: null,
      trial_ends_at: null,
      balance: 0,
    });
  });
  run.immediate();
  return domainView(requireDomain(stores, input.name), now);
}

export function outbox(ctx: SmartContext, email: string): OutboxMessage[] {
  return ctx.stores.domains.outbox(normalizeEmail(email)).map((r) => ({
    to: r.to_email,
    subject: r.subject,
    body: r.body,
    activation_code: r.activation_code,
    domain: r.domain === '' ? null : r.domain,
    sent_at: r.sent_at,
  }));
}

/**
 * Follows the e-mail's link: the domain becomes ACTIVE and its 30-day trial starts (billing row
 * TRIAL_STARTED). Activating an active domain again with its code changes nothing.
 */
export function activate(ctx: SmartContext, name: string, code: string): DomainView {
  const { stores } = ctx;
  const now = ctx.clock.now();
  const run = stores.db.transaction(() => {
    const row = requireDomain(stores, name);
    if (!sameSecret(row.activation_code, code.toUpperCase())) {
      throw smartError('INVALID_ACTIVATION_CODE', `wrong activation code for domain "${name}"`);
    }
    if (row.status === 'ACTIVE') return;
    if (stores.domains.activate(name, iso(now), iso(addDays(now, TRIAL_DAYS)))) {
      trialStarted(stores, name, iso(now), row.balance);
    }
  });
  run.immediate();
  return domainView(requireDomain(stores, name), now);
}

/** Login: a session token of the domain whose password matches (most recent first, or `domain`). */
export async function login(
  ctx: SmartContext,
  email: string,
  password: string,
  domain: string | undefined,
): Promise<{ token: string; domain: string }> {
  const e = normalizeEmail(email);
  const candidates = ctx.stores.domains.loginCandidates(e, domain);
  if (candidates.length === 0) await verifyPassword(password, DUMMY_PASSWORD_HASH);
  for (const c of candidates) {
    if (!(await verifyPassword(password, c.password_hash))) continue;
    if (c.status !== 'ACTIVE') {
      throw smartError(
        'ACTIVATION_PENDING',
        `domain "${c.name}" is not activated yet: follow the link of the activation e-mail (sent by ${ACTIVATION_SENDER})`,
      );
    }
    const token = newSessionToken();
    ctx.stores.domains.openSession(tokenDigest(token), c.name, e, iso(ctx.clock.now()));
    return { token, domain: c.name };
  }
  throw smartError('INVALID_CREDENTIALS', 'wrong e-mail address or password');
}

/** The domain a session token belongs to, or null. */
export function sessionDomain(ctx: SmartContext, token: string): string | null {
  return ctx.stores.domains.sessionDomain(tokenDigest(token));
}
