// The body of `POST /api/manual-enroll`, checked before it reaches the machine. The messages are
// shown next to the form, so they are written for the person typing.

import type { ManualEnrollRequest } from '../../machine/types.ts';

export type ParsedManualRequest = { ok: true; request: ManualEnrollRequest } | { ok: false; field: string; message: string };

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
    return { ok: false, field: 'method', message: 'The request must be a JSON object.' };
  }
  const b = body as Record<string, unknown>;
  switch (b.method) {
    case 'credentials': {
      const email = text(b, 'email')?.trim() ?? '';
      const password = text(b, 'password') ?? '';
      if (email.length > 254 || !EMAIL.test(email)) {
        return { ok: false, field: 'email', message: 'Enter the administrator’s e-mail address, e.g. admin@example.com.' };
      }
      if (password.length === 0 || password.length > 1024) {
        return { ok: false, field: 'password', message: 'Enter the administrator’s password.' };
      }
      return { ok: true, request: { method: 'credentials', email, password } };
    }
    case 'enrollment-token': {
      const token = text(b, 'token')?.trim() ?? '';
      if (token.length === 0 || token.length > 8192 || !PRINTABLE.test(token)) {
        return { ok: false, field: 'token', message: 'Enter the enrollment token exactly as the administrator gave it (no spaces).' };
      }
      return { ok: true, request: { method: 'enrollment-token', token } };
    }
    case 'smart-domain': {
      const domain = text(b, 'domain')?.trim() ?? '';
      if (domain.length === 0 || domain.length > 63 || !SMART_DOMAIN.test(domain)) {
        return { ok: false, field: 'domain', message: 'Enter the domain name: lower-case letters and digits only.' };
      }
      return { ok: true, request: { method: 'smart-domain', domain } };
    }
    default:
      return {
        ok: false,
        field: 'method',
        message: 'Choose how to enroll: "credentials", "enrollment-token" or "smart-domain".',
      };
  }
}
