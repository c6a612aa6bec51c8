// What a domain is, as seed 002 tells it: an account created by sign-up, activated by the link of its
// e-mail (which starts the 30-day trial); after the trial, the domain must be activated with credits
// (a redeemed product key, or credits a display brings when it enrolls). The stub never debits credits,
// so "has credits" is `balance > 0`.

import type { SmartDomainRow } from '../db/smart-domains.ts';
import { smartError } from './errors.ts';

/**
 * `PENDING_ACTIVATION`: the e-mail's link was not followed yet. `TRIAL`: within the 30-day trial,
 * no credits yet. `ACTIVATED`: credits were redeemed or granted. `NOT_ACTIVATED`: the trial is over
 * and the domain has no credits: enrolling and managing displays is refused until credits are redeemed.
 */
export type SmartDomainState = 'PENDING_ACTIVATION' | 'TRIAL' | 'ACTIVATED' | 'NOT_ACTIVATED';

export interface DomainView {
  name: string;
  organization: string;
  contact_name: string;
  phone: string;
  email: string;
  status: SmartDomainRow['status'];
  state: SmartDomainState;
  created_at: string;
  activated_at: string | null;
  trial_ends_at: string | null;
  trial_active: boolean;
  balance: number;
}

/** The trial runs from activation until `trial_ends_at` (exclusive). */
export function trialActive(row: Pick<SmartDomainRow, 'status' | 'trial_ends_at'>, now: Date): boolean {
  if (row.status !== 'ACTIVE' || row.trial_ends_at === null) return false;
  return now.getTime() < new Date(row.trial_ends_at).getTime();
}

export function domainState(row: SmartDomainRow, now: Date): SmartDomainState {
  if (row.status !== 'ACTIVE') return 'PENDING_ACTIVATION';
  if (row.balance > 0) return 'ACTIVATED';
  return trialActive(row, now) ? 'TRIAL' : 'NOT_ACTIVATED';
}

export function domainView(row: SmartDomainRow, now: Date): DomainView {
  return {
    name: row.name,
    organization: row.organization,
    contact_name: row.contact_name,
    phone: row.phone,
    email: row.email,
    status: row.status,
    state: domainState(row, now),
    created_at: row.created_at,
    activated_at: row.activated_at,
    trial_ends_at: row.trial_ends_at,
    trial_active: trialActive(row, now),
    balance: row.balance,
  };
}

/** Refuses display enrollment and management on a domain that is pending or not activated. */
export function requireUsable(row: SmartDomainRow, now: Date): void {
  const state = domainState(row, now);
  if (state === 'PENDING_ACTIVATION') {
    throw smartError(
      'ACTIVATION_PENDING',
      `domain "${row.name}" is not activated yet: follow the link of the activation e-mail`,
    );
  }
  if (state === 'NOT_ACTIVATED') throw notActivated(row);
}

export function notActivated(row: SmartDomainRow): Error {
  return smartError(
    'DOMAIN_NOT_ACTIVATED',
    `domain "${row.name}" is not activated: its 30-day trial ended at ${row.trial_ends_at ?? '?'} and it has ` +
      'no credits. Redeem a product key in SMART Remote Management (User icon → Billing, "Numéro du code PIN" ' +
      'box, "Utiliser") to activate it',
  );
}
