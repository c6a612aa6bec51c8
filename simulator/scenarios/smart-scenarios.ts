// SMART Board display scenarios (seed 002). A display's check-in answers the SRM domain it is enrolled in,
// or the domain that redeemed its invoice's product key (claimed in SMART Admin Portal, redeemed in SRM
// Billing: setup.ts plays the administrator), else null; then the enroll call needs the domain in its
// 30-day trial or activated by credits (server-stub/smart/displays.ts). The agent: check-in null → manual
// `smart-unassigned` (where the technician may type a domain: plan.smart.typedDomain); enroll refused
// after the trial without credits → `smart-domain-not-activated` (agent/runtime/enrollment-http.ts).

import type { CatalogEntry } from '../../agent/catalog/types.ts';
import { SMART_IDENTITY_FAULTS, type SmartIdentityFault } from '../profiles/smart-display.ts';
import { basePlan, genuineSmart, type PlanContext, pick, SMART_ROWS, weighted } from './build.ts';
import type { DevicePlan, Expected, SmartDomainRole, SmartPlan } from './types.ts';
import { SMART_DOMAINS } from './world.ts';

/** Displays of the same kind whose indices fall in one block of 8 share an invoice (one product key). */
const INVOICE_BLOCK = 8;
/** Included SRM credits of a display bought with a subscription (a year of days). */
const INCLUDED_CREDITS = 365;

type InvoiceKind = 'SA' | 'SU' | 'TE' | 'TB' | 'CE' | 'IF' | 'AC';

function invoice(
  ctx: PlanContext,
  kind: InvoiceKind,
  credits: number,
  redeemBy: SmartDomainRole | null,
): SmartPlan {
  const block = Math.floor(ctx.index / INVOICE_BLOCK);
  const id = `FLT${ctx.seed}-${kind}-${block}`;
  // Claim periods are one year: expired invoices were bought 400+ days ago, the others within it.
  const purchasedDaysAgo = kind === 'CE' ? 400 + (block % 8) * 60 : 20 + (block % 10) * 30;
  return { invoice: { id, productKey: `${id}-KEY`, purchasedDaysAgo, credits }, redeemBy };
}

const managedIn = (role: SmartDomainRole) =>
  ({ outcome: 'managed', reason: 'enrolled', managementDomain: SMART_DOMAINS[role].name }) as const;

/** Enrolled through the manual screen, where the technician typed the domain. */
const typedInto = (role: SmartDomainRole): Expected => ({
  outcome: 'managed',
  reason: 'smart-domain',
  managementDomain: SMART_DOMAINS[role].name,
});

const NOT_ACTIVATED = 'smart-domain-not-activated';

/** A genuine display on an invoice whose key the trial domain claimed and redeemed: it must enroll there. */
export function smartAssigned(
  ctx: PlanContext,
  entry: CatalogEntry = pick(ctx.random, SMART_ROWS),
  scenario: DevicePlan['scenario'] = 'smart-assigned',
): DevicePlan {
  const withoutTouch = ctx.random() < 0.1;
  const hw = genuineSmart(entry, ctx.random, { withoutTouchController: withoutTouch });
  const plan = basePlan(
    ctx,
    scenario,
    withoutTouch ? 'assigned-no-touch-controller' : 'assigned',
    entry,
    hw,
    managedIn('trial'),
    withoutTouch
      ? 'On a redeemed invoice; no touch controller on USB to cross-check (allowed): enrolls in the domain.'
      : 'On an invoice whose product key the domain claimed in Admin Portal and redeemed in Billing: check-in names the domain, the display enrolls.',
  );
  plan.smart = invoice(ctx, 'SA', INCLUDED_CREDITS, 'trial');
  return plan;
}

export function smartUnassigned(ctx: PlanContext): DevicePlan {
  const entry = pick(ctx.random, SMART_ROWS);
  const hw = genuineSmart(entry, ctx.random);
  const expected = { outcome: 'manual', reason: 'smart-unassigned' } as const;
  if (ctx.random() < 0.5) {
    const plan = basePlan(
      ctx,
      'smart-unassigned',
      'no-invoice',
      entry,
      hw,
      expected,
      'A display no invoice lists: check-in answers null, the manual screen asks for a domain.',
    );
    plan.smart = { invoice: null, redeemBy: null };
    return plan;
  }
  const plan = basePlan(
    ctx,
    'smart-unassigned',
    'key-not-redeemed',
    entry,
    hw,
    expected,
    'On an invoice whose product key nobody redeemed yet: not assigned to any domain.',
  );
  plan.smart = invoice(ctx, 'SU', INCLUDED_CREDITS, null);
  return plan;
}

/** Domains past their 30-day trial: activated by redeemed credits, or not activated (refused). */
export function smartTrialExpired(ctx: PlanContext): DevicePlan {
  const entry = pick(ctx.random, SMART_ROWS);
  const hw = genuineSmart(entry, ctx.random);
  const r = ctx.random();
  if (r < 0.4) {
    const plan = basePlan(
      ctx,
      'smart-trial-expired',
      'key-redeemed-after-trial',
      entry,
      hw,
      managedIn('expired'),
      "Trial over, then the invoice's key was redeemed in Billing: its credits activate the domain, the display enrolls.",
    );
    plan.smart = invoice(ctx, 'TE', INCLUDED_CREDITS, 'expired');
    return plan;
  }
  if (r < 0.7) {
    const plan = basePlan(
      ctx,
      'smart-trial-expired',
      'not-activated',
      entry,
      hw,
      { outcome: 'error', reason: NOT_ACTIVATED },
      'Trial over and the redeemed key carried no credits: the domain is not activated, enrollment is refused (402 DOMAIN_NOT_ACTIVATED).',
    );
    plan.smart = invoice(ctx, 'TB', 0, 'expired-bare');
    return plan;
  }
  const plan = basePlan(
    ctx,
    'smart-trial-expired',
    'typed-not-activated',
    entry,
    hw,
    { outcome: 'manual', reason: NOT_ACTIVATED },
    'No invoice; the technician types a domain whose trial is over without credits: the manual enrollment is refused.',
  );
  plan.smart = { invoice: null, redeemBy: null, typedDomain: 'expired-bare' };
  return plan;
}

export function smartClaimExpired(ctx: PlanContext): DevicePlan {
  const entry = pick(ctx.random, SMART_ROWS);
  const hw = genuineSmart(entry, ctx.random);
  const plan = basePlan(
    ctx,
    'smart-claim-expired',
    'claimed-after-a-year',
    entry,
    hw,
    { outcome: 'manual', reason: 'smart-unassigned' },
    'Bought more than a year ago: the Admin Portal claim fails with the activation error (CLAIM_PERIOD_EXPIRED), so no key is redeemed and the display is assigned to nobody.',
  );
  plan.smart = invoice(ctx, 'CE', INCLUDED_CREDITS, 'trial');
  return plan;
}

/** Credits bought from a reseller (a key not tied to any display) activate a domain past its trial. */
export function smartResellerKey(ctx: PlanContext): DevicePlan {
  const entry = pick(ctx.random, SMART_ROWS);
  const hw = genuineSmart(entry, ctx.random);
  const onUnredeemed = ctx.random() < 0.3;
  const plan = basePlan(
    ctx,
    'smart-reseller-key',
    onUnredeemed ? 'unredeemed-invoice-typed' : 'no-invoice-typed',
    entry,
    hw,
    typedInto('reseller'),
    'Trial over; the domain redeemed a reseller key in Billing, so it is activated: the technician types it and the display enrolls.',
  );
  plan.smart = onUnredeemed
    ? { ...invoice(ctx, 'SU', INCLUDED_CREDITS, null), typedDomain: 'reseller' }
    : { invoice: null, redeemBy: null, typedDomain: 'reseller' };
  return plan;
}

/** The subscription included "on enrollment": the display brings its credits as it enrolls (seed 002). */
export function smartAutoCredits(ctx: PlanContext): DevicePlan {
  const entry = pick(ctx.random, SMART_ROWS);
  const hw = genuineSmart(entry, ctx.random);
  const plan = basePlan(
    ctx,
    'smart-auto-credits',
    'credits-on-enrollment',
    entry,
    hw,
    typedInto('auto'),
    "Its invoice includes SRM credits on enrollment: nothing assigns it, the technician types a domain past its trial without credits, and the display's own credits let it enroll (and activate the domain).",
  );
  const base = invoice(ctx, 'AC', INCLUDED_CREDITS, null);
  plan.smart = {
    invoice: base.invoice === null ? null : { ...base.invoice, creditsVia: 'enrollment' },
    redeemBy: null,
    typedDomain: 'auto',
  };
  return plan;
}

const SMART_FAULT_REASON: Readonly<Record<SmartIdentityFault, string>> = {
  'touch-serial-mismatch': 'identity-mismatch',
  'soft-off': 'missing-serial',
  'garbled-serial': 'missing-serial',
  'empty-serial': 'missing-serial',
  'unknown-model': 'model-not-listed',
};

const SMART_FAULT_WHY: Readonly<Record<SmartIdentityFault, string>> = {
  'touch-serial-mismatch':
    'The touch controller (USB 0b8c) reports another serial than the display: identity mismatch.',
  'soft-off': 'In soft-off the RS-232 port never answers: no serial after the prompt time-out.',
  'garbled-serial': 'The port answers noise to `get serialnum`: no serial.',
  'empty-serial': 'The port answers `serialnum=` with no value: no serial.',
  'unknown-model': 'The model number is not one of a listed SMART series.',
};

export function smartIdentityFault(ctx: PlanContext, fault?: SmartIdentityFault): DevicePlan {
  // soft-off waits out the 3 s prompt time-out: rarer, to keep fleets fast.
  const chosen =
    fault ??
    weighted(
      ctx.random,
      SMART_IDENTITY_FAULTS.map((f) => [f, f === 'soft-off' ? 1 : 3] as const),
    );
  const entry = pick(ctx.random, SMART_ROWS);
  const hw = genuineSmart(entry, ctx.random, { fault: chosen });
  const plan = basePlan(
    ctx,
    'identity-faults',
    `smart-${chosen}`,
    entry,
    hw,
    { outcome: 'manual', reason: SMART_FAULT_REASON[chosen] },
    `${SMART_FAULT_WHY[chosen]} Its invoice was redeemed, yet it must not enroll.`,
  );
  plan.smart = invoice(ctx, 'IF', INCLUDED_CREDITS, 'trial');
  return plan;
}
