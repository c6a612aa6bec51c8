// The body of `POST /api/manual-enroll`, checked before it reaches the machine. The messages are
// shown next to the form, so they are written for the person typing, in the screens' locale
// (catalog keys `form.<code>`).

import { DEFAULT_LOCALE, type Locale, translate } from '../../i18n/index.ts';
import { GMAIL_ADMIN_CODE, isGmailAdminAccount } from '../../identity/admin-account.ts';
import type { ManualEnrollRequest } from '../../machine/types.ts';

/** Stable codes of a refused form; the page and tests branch on them, never on the message. */
export type ManualRequestErrorCode =
  | 'invalid-body'
  | 'unknown-method'
  | 'invalid-email'
  | typeof GMAIL_ADMIN_CODE
  | 'invalid-password'
  | 'invalid-token'
  | 'invalid-domain';

export type ParsedManualRequest =
  | { ok: true; request: ManualEnrollRequest }
  | { ok: false; code: ManualRequestErrorCode; field: string; message: string };

const PRINTABLE = /^[\x21-\x7E]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** SMART Remote Management domain (account) names: digits and lower-case letters only (seed 002). */
const SMART_DOMAIN = /^[a-z0-9]+$/;

function text(body: Record<string, unknown>, key: string): string | null {
  const v = body[key];
  return typeof v === 'string' ? v : null;
}

function refused(code: ManualRequestErrorCode, field: string, locale: Locale): ParsedManualRequest {
  return { ok: false, code, field, message: translate(locale, `form.${code}`) };
}

export function parseManualRequest(body: unknown, locale: Locale = DEFAULT_LOCALE): ParsedManualRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refused('invalid-body', 'method', locale);
  }
  const b = body as Record<string, unknown>;
  switch (b.method) {
    case 'credentials': {
      const email = text(b, 'email')?.trim() ?? '';
      const password = text(b, 'password') ?? '';
      if (email.length > 254 || !EMAIL.test(email)) {
        return refused('invalid-email', 'email', locale);
      }
      if (isGmailAdminAccount(email)) {
        return refused(GMAIL_ADMIN_CODE, 'email', locale);
      }
      if (password.length === 0 || password.length > 1024) {
        return refused('invalid-password', 'password', locale);
      }
      return { ok: true, request: { method: 'credentials', email, password } };
    }
    case 'enrollment-token': {
      const token = text(b, 'token')?.trim() ?? '';
      if (token.length === 0 || token.length > 8192 || !PRINTABLE.test(token)) {
        return refused('invalid-token', 'token', locale);
      }
      return { ok: true, request: { method: 'enrollment-token', token } };
    }
    case 'smart-domain': {
      const domain = text(b, 'domain')?.trim() ?? '';
      if (domain.length === 0 || domain.length > 63 || !SMART_DOMAIN.test(domain)) {
        return refused('invalid-domain', 'domain', locale);
      }
      return { ok: true, request: { method: 'smart-domain', domain } };
    }
    default:
      return refused('unknown-method', 'method', locale);
  }
}
