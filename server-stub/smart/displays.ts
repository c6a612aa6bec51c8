// The display side of SMART Remote Management (no authentication: the display itself calls): which
// domain it is assigned to, and its enrollment, with the credits its invoice includes on enrollment.

import type { SmartCheckinResponse, SmartEnrollResponse } from '../../protocol/smart.ts';
import type { SmartInvoiceDisplayRow } from '../db/smart-invoices.ts';
import type { SmartStores } from '../db/smart-stores.ts';
import { requireDomain, type SmartContext } from './accounts.ts';
import { smartError } from './errors.ts';
import { requireUsable } from './state.ts';
import { iso } from './time.ts';

function sameModel(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The invoice record of this display, if its model number matches (case-insensitive). */
function invoiceDisplay(
  stores: SmartStores,
  serial: string,
  model: string,
): SmartInvoiceDisplayRow | undefined {
  const row = stores.invoices.display(serial);
  return row !== undefined && sameModel(row.model_number, model) ? row : undefined;
}

/**
 * The domain the display is enrolled in, else the domain that redeemed its invoice's product key, else
 * null. A record whose model number differs is not this display. Writes nothing.
 */
export function checkin(ctx: SmartContext, serial: string, model: string): SmartCheckinResponse {
  const { stores } = ctx;
  const e = stores.ledger.enrollment(serial);
  if (e !== undefined && sameModel(e.model_number, model)) return { assigned_domain: e.domain };
  const d = invoiceDisplay(stores, serial, model);
  const invoice = d === undefined ? undefined : stores.invoices.get(d.invoice_id);
  return { assigned_domain: invoice?.credits_via === 'product-key' ? invoice.redeemed_by : null };
}

/**
 * Enrolls a display. A display whose invoice includes its subscription "on enrollment" brings its
 * credits (granted once, here) and so enrolls even in a domain whose trial is over; any other display
 * needs the domain in its trial or activated (credits), else 402 DOMAIN_NOT_ACTIVATED. Enrolling again
 * into the same domain grants and writes nothing.
 */
export function enroll(ctx: SmartContext, serial: string, model: string, name: string): SmartEnrollResponse {
  const { stores } = ctx;
  const now = ctx.clock.now();
  const at = iso(now);
  const run = stores.db.transaction((): SmartEnrollResponse => {
    const domain = requireDomain(stores, name);
    if (domain.status !== 'ACTIVE') requireUsable(domain, now);
    const existing = stores.ledger.enrollment(serial);
    if (existing !== undefined) {
      if (existing.domain !== name) {
        throw smartError('DISPLAY_ENROLLED_ELSEWHERE', `display ${serial} is enrolled in another domain`);
      }
      if (!sameModel(existing.model_number, model)) {
        throw smartError(
          'DISPLAY_MODEL_MISMATCH',
          `display ${serial} is enrolled with model number ${existing.model_number}`,
        );
      }
      requireUsable(domain, now);
      return { ...existing, credits_granted: 0, balance: domain.balance, already_enrolled: true };
    }
    const d = invoiceDisplay(stores, serial, model);
    const invoice = d === undefined ? undefined : stores.invoices.get(d.invoice_id);
    const byKey = invoice?.credits_via === 'product-key';
    if (byKey && invoice.redeemed_by !== null && invoice.redeemed_by !== name) {
      throw smartError(
        'DISPLAY_ASSIGNED_ELSEWHERE',
        `display ${serial} is on an invoice whose product key another domain redeemed`,
      );
    }
    const onEnrollment =
      d !== undefined && invoice?.credits_via === 'enrollment' && d.credited_domain === null;
    const credits = onEnrollment ? d.credits : 0;
    if (credits === 0) requireUsable(domain, now);
    const keyInvoice = byKey && invoice.redeemed_by === name ? invoice : undefined;
    const invoiceId = onEnrollment || keyInvoice !== undefined ? (d?.invoice_id ?? null) : null;
    stores.ledger.enroll({
      serial_number: serial,
      model_number: model,
      domain: name,
      enrolled_at: at,
      invoice_id: invoiceId,
      credits_granted: credits,
    });
    if (onEnrollment) stores.invoices.credit(serial, name, at);
    const balance = domain.balance + credits;
    stores.domains.setBalance(name, balance);
    stores.ledger.bill(name, {
      at,
      type: 'DISPLAY_ENROLLED',
      credits,
      balance,
      product_key: keyInvoice?.product_key ?? null,
      serial_number: serial,
      invoice_id: invoiceId,
    });
    return {
      serial_number: serial,
      model_number: model,
      domain: name,
      enrolled_at: at,
      invoice_id: invoiceId,
      credits_granted: credits,
      balance,
      already_enrolled: false,
    };
  });
  return run.immediate();
}
