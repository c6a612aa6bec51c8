// The body of `POST /api/manual-enroll`, checked before it reaches the machine. The messages are
// shown next to the form, so they are written for the person typing.

import { GMAIL_ADMIN_CODE, GMAIL_ADMIN_MESSAGE, isGmailAdminAccount } from '../../identity/admin-account.ts';
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

export function parseManualRequest(body: unknown): ParsedManualRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      ok: false,
      code: 'invalid-body',
      field: 'method',
      message: 'The request must be a JSON object.',
    };
  }
  const b = body as Record<string, unknown>;
  switch (b.method) {
    case 'credentials': {
      const email = text(b, 'email')?.trim() ?? '';
      const password = text(b, 'password') ?? '';
      if (email.length > 254 || !EMAIL.test(email)) {
        return {
          ok: false,
          code: 'invalid-email',
          field: 'email',
          message: 'Enter the administrator’s e-mail address, e.g. admin@example.com.',
        };
      }
      if (isGmailAdminAccount(email)) {
        return { ok: false, code: GMAIL_ADMIN_CODE, field: 'email', message: GMAIL_ADMIN_MESSAGE };
      }
      if (password.length === 0 || password.length > 1024) {
        return {
          ok: false,
          code: 'invalid-password',
          field: 'password',
          message: 'Enter the administrator’s password.',
        };
      }
      return { ok: true, request: { method: 'credentials', email, password } };
    }
    case 'enrollment-token': {
      const token = text(b, 'token')?.trim() ?? '';
      if (token.length === 0 || token.length > 8192 || !PRINTABLE.test(token)) {
        return {
          ok: false,
          code: 'invalid-token',
          field: 'token',
          message: 'Enter the enrollment token exactly as the administrator gave it (no spaces).',
        };
      }
      return { ok: true, request: { method: 'enrollment-token', token } };
    }
    case 'smart-domain': {
      const domain = text(b, 'domain')?.trim() ?? '';
      if (domain.length === 0 || domain.length > 63 || !SMART_DOMAIN.test(domain)) {
        return {
          ok: false,
          code: 'invalid-domain',
          field: 'domain',
          message: 'Enter the domain name: lower-case letters and digits only.',
        };
      }
      return { ok: true, request: { method: 'smart-domain', domain } };
    }
    default:
      return {
        ok: false,
        code: 'unknown-method',
        field: 'method',
        message: 'Choose how to enroll: "credentials", "enrollment-token" or "smart-domain".',
      };
  }
}
