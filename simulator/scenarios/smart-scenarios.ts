// SMART Board display scenarios (seed 002): a display enrolls in the SMART Remote Management domain
// that redeemed the product key of its invoice. The stub's display check-in answers the assigned domain
// (or null), then the enroll call grants the display's included credits, or needs the domain's trial
// or balance (server-stub/smart/service.ts). The agent: check-in null → manual `smart-unassigned`;
// enroll 402 → error `smart-no-credits` (agent/runtime/enrollment-http.ts).

import type { CatalogEntry } from '../../agent/catalog/types.ts';
import { SMART_IDENTITY_FAULTS, type SmartIdentityFault } from '../profiles/smart-display.ts';
import { basePlan, genuineSmart, type PlanContext, pick, SMART_ROWS, weighted } from './build.ts';
import type { DevicePlan, SmartDomainRole, SmartPlan } from './types.ts';
import { SMART_DOMAINS } from './world.ts';

/** Displays of the same kind whose indices fall in one block of 8 share an invoice (one product key). */
const INVOICE_BLOCK = 8;
/** Included SRM credits of a display bought with a subscription (a year of days). */
const INCLUDED_CREDITS = 365;

type InvoiceKind = 'SA' | 'SU' | 'TE' | 'TB' | 'CE' | 'IF';

function invoice(
  ctx: PlanContext,
  kind: InvoiceKind,
  credits: number,
  redeemBy: SmartDomainRole | null,
): SmartPlan {
  const block = Math.floor(ctx.index / INVOICE_BLOCK);
  const id = `FLT${ctx.seed}-${kind}-${block}`;
  // Claim windows are one year: expired invoices were bought 400+ days ago, the others within it.
  const purchasedDaysAgo = kind === 'CE' ? 400 + (block % 8) * 60 : 20 + (block % 10) * 30;
  return { invoice: { id, productKey: id, purchasedDaysAgo, credits }, redeemBy };
}

const managedIn = (role: SmartDomainRole) =>
  ({ outcome: 'managed', reason: 'enrolled', managementDomain: SMART_DOMAINS[role].name }) as const;

/** A genuine display on an invoice whose key the trial domain redeemed: it must enroll there. */
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
      : 'On an invoice whose product key the domain redeemed: check-in names the domain, the display enrolls with its credits.',
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

export function smartTrialExpired(ctx: PlanContext): DevicePlan {
  const entry = pick(ctx.random, SMART_ROWS);
  const hw = genuineSmart(entry, ctx.random);
  if (ctx.random() < 0.5) {
    const plan = basePlan(
      ctx,
      'smart-trial-expired',
      'included-credits',
      entry,
      hw,
      managedIn('expired'),
      "Trial over, but the display's invoice includes SRM credits: they are granted as it enrolls (seed 002).",
    );
    plan.smart = invoice(ctx, 'TE', INCLUDED_CREDITS, 'expired');
    return plan;
  }
  const plan = basePlan(
    ctx,
    'smart-trial-expired',
    'no-credits',
    entry,
    hw,
    { outcome: 'error', reason: 'smart-no-credits' },
    'Trial over, no credits on the invoice and a zero balance: enrollment is refused with 402 until credits are bought.',
  );
  plan.smart = invoice(ctx, 'TB', 0, 'expired-bare');
  return plan;
}

export function smartClaimExpired(ctx: PlanContext): DevicePlan {
  const entry = pick(ctx.random, SMART_ROWS);
  const hw = genuineSmart(entry, ctx.random);
  const plan = basePlan(
    ctx,
    'smart-claim-expired',
    'key-older-than-a-year',
    entry,
    hw,
    { outcome: 'manual', reason: 'smart-unassigned' },
    'Bought more than a year ago: redeeming the key fails (422 claim window expired), so the display is assigned to nobody.',
  );
  plan.smart = invoice(ctx, 'CE', INCLUDED_CREDITS, 'trial');
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
