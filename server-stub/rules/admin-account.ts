// Seed 000, "Générer un jeton de pré-provisionnement", step 1: « Connectez-vous avec votre compte
// administrateur (ne se terminant pas par "@gmail.com") ». An administrator account of a customer is
// an account of the organisation, never a personal Gmail account: the stub refuses such accounts when
// a seed creates them and when one tries to log in. The rule is exactly the seed's: the address ends
// in `@gmail.com` (compared case-insensitively, surrounding spaces ignored); nothing else is guessed.

export const GMAIL_SUFFIX = '@gmail.com';

/** The seed's reason, for the people reading an error. */
export const GMAIL_ADMIN_REASON =
  'an administrator account must be your organisation’s account, not one ending in "@gmail.com" (a personal Gmail account)';

export function isGmailAccount(email: string): boolean {
  return email.trim().toLowerCase().endsWith(GMAIL_SUFFIX);
}
