// The administrator account a person types on the manual enrollment screen. Seed 000, "Générer un
// jeton de pré-provisionnement", step 1: « Connectez-vous avec votre compte administrateur (ne se
// terminant pas par "@gmail.com") ». The agent refuses such an address before anything is sent, with a
// stable code; the enrollment server refuses it too (stub: 403 GMAIL_ACCOUNT_NOT_ALLOWED).

import { DEFAULT_LOCALE, translate } from '../i18n/index.ts';

/** Stable code of the refusal (web form, terminal prompt, login error). */
export const GMAIL_ADMIN_CODE = 'gmail-admin-account';

/** Words for the person typing, in English (logs, error objects); screens format `form.gmail-admin-account` in their locale. */
export const GMAIL_ADMIN_MESSAGE = translate(DEFAULT_LOCALE, 'form.gmail-admin-account');

/** The seed's rule exactly: the address ends in `@gmail.com` (any case, surrounding spaces ignored). */
export function isGmailAdminAccount(email: string): boolean {
  return email.trim().toLowerCase().endsWith('@gmail.com');
}
