// Strict, hand-written validation of a parsed state.json. It never trusts the file: every field is
// checked for type and size, the version must be exactly 1, and the result is a fresh object holding
// only the known fields (unknown keys are dropped, the history is capped).

import { createPublicKey } from 'node:crypto';
import { HISTORY_CAP } from './history.ts';
import type { PersistedAgentState } from './record.ts';

export const STATE_VERSION = 1;
/** No string in a sane state record is longer than this; a longer one means corruption. */
export const MAX_STRING_LENGTH = 8192;

export type StateValidation =
  | { ok: true; state: PersistedAgentState }
  | { ok: false; problem: 'corrupt' | 'wrong-version'; detail: string };

class Invalid extends Error {}

/** The last policy key (base64 SPKI) found to be a DER RSA public key. */
let lastGoodRsaSpki: string | null = null;

type Obj = Record<string, unknown>;

function object(v: unknown, at: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Invalid(`${at} is not an object`);
  return v as Obj;
}

function field(o: Obj, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function has(o: Obj, key: string): boolean {
  return Object.hasOwn(o, key) && o[key] !== undefined;
}

function string(v: unknown, at: string, nonEmpty = false): string {
  if (typeof v !== 'string') throw new Invalid(`${at} is not a string`);
  if (v.length > MAX_STRING_LENGTH) throw new Invalid(`${at} is ${v.length} characters long`);
  if (nonEmpty && v.length === 0) throw new Invalid(`${at} is empty`);
  return v;
}

function stringOrNull(v: unknown, at: string): string | null {
  return v === null ? null : string(v, at);
}

function timestamp(v: unknown, at: string): string {
  const s = string(v, at, true);
  if (Number.isNaN(Date.parse(s))) throw new Invalid(`${at} is not a date`);
  return s;
}

function count(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new Invalid(`${at} is not a non-negative integer`);
  }
  return v;
}

function boolean(v: unknown, at: string): boolean {
  if (typeof v !== 'boolean') throw new Invalid(`${at} is not a boolean`);
  return v;
}

function identity(v: unknown): NonNullable<PersistedAgentState['identity']> {
  const o = object(v, 'identity');
  return {
    certifiedDeviceId: stringOrNull(field(o, 'certifiedDeviceId'), 'identity.certifiedDeviceId'),
    idKind: stringOrNull(field(o, 'idKind'), 'identity.idKind'),
    serialNumber: stringOrNull(field(o, 'serialNumber'), 'identity.serialNumber'),
    model: stringOrNull(field(o, 'model'), 'identity.model'),
  };
}

function registration(v: unknown): NonNullable<PersistedAgentState['registration']> {
  const o = object(v, 'registration');
  const result: NonNullable<PersistedAgentState['registration']> = {
    inFlight: boolean(field(o, 'inFlight'), 'registration.inFlight'),
  };
  if (has(o, 'attemptedAt')) result.attemptedAt = timestamp(o.attemptedAt, 'registration.attemptedAt');
  return result;
}

function managed(v: unknown): NonNullable<PersistedAgentState['managed']> {
  const o = object(v, 'managed');
  const result: NonNullable<PersistedAgentState['managed']> = {
    dmToken: string(field(o, 'dmToken'), 'managed.dmToken', true),
    managementDomain: string(field(o, 'managementDomain'), 'managed.managementDomain'),
    orgUnitPath: string(field(o, 'orgUnitPath'), 'managed.orgUnitPath'),
    enrolledAt: timestamp(field(o, 'enrolledAt'), 'managed.enrolledAt'),
  };
  if (has(o, 'policyKey')) result.policyKey = policyKey(o.policyKey);
  return result;
}

/**
 * The pinned policy key must be an RSA public key in DER SubjectPublicKeyInfo: a pin that is not is
 * corrupt state (the file is moved aside like any other corrupt record), never a key to trust.
 */
function policyKey(v: unknown): NonNullable<NonNullable<PersistedAgentState['managed']>['policyKey']> {
  const o = object(v, 'managed.policyKey');
  const spki = string(field(o, 'spki'), 'managed.policyKey.spki', true);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(spki) || spki.length % 4 !== 0) {
    throw new Invalid('managed.policyKey.spki is not base64');
  }
  // Every save of a managed device validates the same key again: the last good one is remembered.
  if (spki !== lastGoodRsaSpki) {
    try {
      const key = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
      if (key.asymmetricKeyType !== 'rsa') throw new Invalid('managed.policyKey.spki is not an RSA key');
    } catch (e) {
      if (e instanceof Invalid) throw e;
      throw new Invalid('managed.policyKey.spki is not a DER SubjectPublicKeyInfo');
    }
    lastGoodRsaSpki = spki;
  }
  const version = field(o, 'version') ?? null;
  if (version !== null && (typeof version !== 'number' || !Number.isSafeInteger(version))) {
    throw new Invalid('managed.policyKey.version is neither an integer nor null');
  }
  return { spki, version: version as number | null };
}

function lastError(v: unknown): NonNullable<PersistedAgentState['lastError']> | null {
  if (v === null) return null;
  const o = object(v, 'lastError');
  return {
    code: string(field(o, 'code'), 'lastError.code', true),
    message: string(field(o, 'message'), 'lastError.message'),
  };
}

/** A BCP 47 language tag (`fr`, `en-GB`); which ones the screens speak is the i18n layer's business. */
function localeTag(v: unknown): string {
  const s = string(v, 'locale', true);
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(s) || s.length > 35)
    throw new Invalid('locale is not a language tag');
  return s;
}

function history(v: unknown): PersistedAgentState['history'] {
  if (!Array.isArray(v)) throw new Invalid('history is not an array');
  const entries: readonly unknown[] = v;
  // Validate only what is kept: a long history is trimmed, not rejected (the file size is capped).
  return entries.slice(Math.max(0, entries.length - HISTORY_CAP)).map((entry, i) => {
    const o = object(entry, `history[${i}]`);
    return {
      state: string(field(o, 'state'), `history[${i}].state`, true),
      at: timestamp(field(o, 'at'), `history[${i}].at`),
    };
  });
}

/** Validates a parsed state.json and returns a normalised copy, or why it is unusable. */
export function validatePersistedState(value: unknown): StateValidation {
  try {
    const o = object(value, 'the state');
    if (!has(o, 'version')) throw new Invalid('version is missing');
    if (o.version !== STATE_VERSION) {
      if (typeof o.version === 'number') {
        return {
          ok: false,
          problem: 'wrong-version',
          detail: `version ${o.version} is not ${STATE_VERSION}`,
        };
      }
      throw new Invalid('version is not a number');
    }
    const state: PersistedAgentState = {
      version: STATE_VERSION,
      bootId: string(field(o, 'bootId'), 'bootId', true),
      bootAttempts: count(field(o, 'bootAttempts'), 'bootAttempts'),
      phase: string(field(o, 'phase'), 'phase', true),
      updatedAt: timestamp(field(o, 'updatedAt'), 'updatedAt'),
      history: history(field(o, 'history')),
    };
    if (has(o, 'deviceId')) state.deviceId = string(o.deviceId, 'deviceId', true);
    if (has(o, 'identity')) state.identity = identity(o.identity);
    if (has(o, 'registration')) state.registration = registration(o.registration);
    if (has(o, 'managed')) state.managed = managed(o.managed);
    if (has(o, 'manual')) {
      const m = object(o.manual, 'manual');
      state.manual = { reason: string(field(m, 'reason'), 'manual.reason', true) };
    }
    if (has(o, 'lastError')) state.lastError = lastError(o.lastError);
    if (has(o, 'locale')) state.locale = localeTag(o.locale);
    return { ok: true, state };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, problem: 'corrupt', detail: e.message };
    throw e;
  }
}

export function isPersistedAgentState(value: unknown): value is PersistedAgentState {
  return validatePersistedState(value).ok;
}

/**
 * Why text that JSON.parse rejected is unusable, decided from its structure (never from the parser's
 * message): blank text, or text that ends inside a string or with unclosed brackets and has no
 * mismatched bracket, is `truncated` (a write cut short); anything else is `corrupt`.
 */
export function classifyUnparseable(text: string): 'truncated' | 'corrupt' {
  if (/^[\s\0]*$/.test(text)) return 'truncated';
  const open: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') open.push(c);
    else if (c === '}' || c === ']') {
      if (open.pop() !== (c === '}' ? '{' : '[')) return 'corrupt';
    }
  }
  return inString || open.length > 0 ? 'truncated' : 'corrupt';
}
