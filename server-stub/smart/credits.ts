// Credits (seed 002): a product key claimed in SMART Admin Portal for an invoice (within one year of
// purchase; one key per invoice, shared by all its displays) or bought from a SMART reseller, redeemed
// once in SRM Billing (the "Numéro du code PIN" box) for its credits. Billing history and Devices views.

import { randomBytes } from 'node:crypto';
import type { SmartInvoiceRow } from '../db/smart-invoices.ts';
import type { SmartStores } from '../db/smart-stores.ts';
import { ApiError } from '../http/errors.ts';
import { requireDomain, type SmartContext } from './accounts.ts';
import { CONTACT_SMART_SUPPORT, smartError } from './errors.ts';
import { domainState, requireUsable, type SmartDomainState } from './state.ts';
import { addYears, iso } from './time.ts';

/** Product keys and claim codes are compared case-insensitively: stored and looked up in upper case. */
export function normalizeKey(key: string): string {
  return key.toUpperCase();
}

export interface ClaimView {
  invoice_id: string;
  product_key: string;
  purchased_at: string;
  claim_expires_at: string;
  claimed_at: string;
  redeemed: boolean;
  displays: { serial_number: string; model_number: string; credits: number }[];
  credits: number;
}

export interface RedeemView {
  domain: string;
  product_key: string;
  /** `invoice`: the key of a SMART product purchase; `reseller`: credits bought from a reseller. */
  source: 'invoice' | 'reseller';
  invoice_id: string | null;
  redeemed_at: string;
  credits_granted: number;
  balance: number;
  state: SmartDomainState;
  displays: { serial_number: string; model_number: string; credits: number; enrolled: boolean }[];
}

export interface BillingRowView {
  at: string;
  type: string;
  credits: number;
  balance: number;
  product_key?: string;
  serial_number?: string;
  invoice_id?: string;
}

export function claimExpiresAt(invoice: Pick<SmartInvoiceRow, 'purchased_at'>): Date {
  return addYears(new Date(invoice.purchased_at), 1);
}

function claimView(
  stores: SmartStores,
  invoice: SmartInvoiceRow,
  product_key: string,
  claimed_at: string,
): ClaimView {
  const displays = stores.invoices.displays(invoice.invoice_id).map((d) => ({
    serial_number: d.serial_number,
    model_number: d.model_number,
    credits: d.credits,
  }));
  return {
    invoice_id: invoice.invoice_id,
    product_key,
    purchased_at: invoice.purchased_at,
    claim_expires_at: iso(claimExpiresAt(invoice)),
    claimed_at,
    redeemed: invoice.redeemed_by !== null,
    displays,
    credits: displays.reduce((s, d) => s + d.credits, 0),
  };
}

/**
 * SMART Admin Portal: claims the SRM subscription of a purchase with its claim code and shows its
 * product key. Refused with seed 002's activation error more than one year after the purchase (exactly
 * one year is still in time). Claiming again shows the same key.
 */
export function claim(ctx: SmartContext, claimCode: string): ClaimView {
  const { stores } = ctx;
  const now = ctx.clock.now();
  const run = stores.db.transaction((): ClaimView => {
    const invoice = stores.invoices.byClaimCode(normalizeKey(claimCode));
    if (invoice === undefined || invoice.product_key === null) {
      throw smartError('CLAIM_CODE_NOT_FOUND', 'unknown claim code: check the purchase confirmation e-mail');
    }
    if (invoice.claimed_at !== null)
      return claimView(stores, invoice, invoice.product_key, invoice.claimed_at);
    const deadline = claimExpiresAt(invoice);
    if (now.getTime() > deadline.getTime()) {
      throw smartError(
        'CLAIM_PERIOD_EXPIRED',
        `activation error: the SMART Remote Management subscription of invoice ${invoice.invoice_id} was not ` +
          `claimed within one year of purchase (bought ${invoice.purchased_at}, claim period ended ${iso(deadline)}). ` +
          'Past the one-year claim period the licence can no longer be claimed: a separate purchase of a ' +
          'standalone SMART Remote Management licence is needed to put these displays on a SMART Remote ' +
          'Management domain',
      );
    }
    stores.invoices.markClaimed(invoice.invoice_id, iso(now));
    return claimView(stores, invoice, invoice.product_key, iso(now));
  });
  return run.immediate();
}

/**
 * SRM Billing: redeems a product key for its credits, once. A reseller key grants its credits; an
 * invoice's key (claimed in Admin Portal first) grants the credits of all the invoice's displays and
 * assigns those displays to the domain. Allowed whatever the domain's state (Billing always works).
 */
export function redeem(ctx: SmartContext, name: string, productKey: string): RedeemView {
  const { stores } = ctx;
  const now = ctx.clock.now();
  const at = iso(now);
  const key = normalizeKey(productKey);
  const run = stores.db.transaction((): RedeemView => {
    const domain = requireDomain(stores, name);
    const reseller = stores.invoices.resellerKey(key);
    const invoice = reseller === undefined ? stores.invoices.byProductKey(key) : undefined;
    if (reseller === undefined && invoice === undefined) {
      throw smartError('PRODUCT_KEY_NOT_FOUND', `unknown product key. ${CONTACT_SMART_SUPPORT}`);
    }
    const redeemedBy = reseller?.redeemed_by ?? invoice?.redeemed_by ?? null;
    if (redeemedBy !== null) {
      const who = redeemedBy === name ? 'by this domain' : 'by another domain';
      throw smartError(
        'PRODUCT_KEY_ALREADY_REDEEMED',
        `product key already redeemed ${who}: a key gives its credits once. ${CONTACT_SMART_SUPPORT}`,
      );
    }
    let granted = 0;
    let displays: RedeemView['displays'] = [];
    if (reseller !== undefined) {
      stores.invoices.markResellerKeyRedeemed(key, name, at);
      granted = reseller.credits;
    } else if (invoice !== undefined) {
      if (invoice.claimed_at === null) {
        throw smartError(
          'PRODUCT_KEY_NOT_CLAIMED',
          'this product key has not been claimed in SMART Admin Portal: claim the subscription with the ' +
            'claim code of the purchase (within one year of purchase), then redeem the key here',
        );
      }
      stores.invoices.markRedeemed(invoice.invoice_id, name, at);
      for (const d of stores.invoices.displays(invoice.invoice_id)) {
        stores.invoices.credit(d.serial_number, name, at);
        granted += d.credits;
        const e = stores.ledger.enrollment(d.serial_number);
        const enrolled = e?.domain === name && e.model_number.toLowerCase() === d.model_number.toLowerCase();
        if (enrolled) stores.ledger.linkInvoice(d.serial_number, name, invoice.invoice_id);
        displays.push({
          serial_number: d.serial_number,
          model_number: d.model_number,
          credits: d.credits,
          enrolled,
        });
      }
    }
    const balance = domain.balance + granted;
    stores.domains.setBalance(name, balance);
    stores.ledger.bill(name, {
      at,
      type: 'PRODUCT_KEY_REDEEMED',
      credits: granted,
      balance,
      product_key: key,
      serial_number: null,
      invoice_id: invoice?.invoice_id ?? null,
    });
    displays = displays.sort((a, b) => a.serial_number.localeCompare(b.serial_number));
    return {
      domain: name,
      product_key: key,
      source: reseller !== undefined ? 'reseller' : 'invoice',
      invoice_id: invoice?.invoice_id ?? null,
      redeemed_at: at,
      credits_granted: granted,
      balance,
      state: domainState({ ...domain, balance }, now),
      displays,
    };
  });
  return run.immediate();
}

/** A reseller credit key (test hook): `product_key` given, or `SRMR-XXXX-XXXX-XXXX`. */
export function issueResellerKey(
  ctx: SmartContext,
  credits: number,
  productKey: string | undefined,
): { product_key: string; credits: number; issued_at: string } {
  const { stores } = ctx;
  const at = iso(ctx.clock.now());
  const run = stores.db.transaction(() => {
    const key =
      productKey === undefined
        ? `SRMR-${randomBytes(6)
            .toString('hex')
            .toUpperCase()
            .replace(/(.{4})(?=.)/g, '$1-')}`
        : normalizeKey(productKey);
    if (stores.invoices.keyInUse(key)) {
      throw new ApiError(409, 'CONFLICT', `product key ${key} already exists`);
    }
    stores.invoices.insertResellerKey(key, credits, at);
    return { product_key: key, credits, issued_at: at };
  });
  return run.immediate();
}

export function billing(
  ctx: SmartContext,
  name: string,
): { balance: number; state: SmartDomainState; rows: BillingRowView[] } {
  const domain = requireDomain(ctx.stores, name);
  return {
    balance: domain.balance,
    state: domainState(domain, ctx.clock.now()),
    rows: ctx.stores.ledger.billing(name).map((r) => {
      const out: BillingRowView = { at: r.at, type: r.type, credits: r.credits, balance: r.balance };
      if (r.product_key !== null) out.product_key = r.product_key;
      if (r.serial_number !== null) out.serial_number = r.serial_number;
      if (r.invoice_id !== null) out.invoice_id = r.invoice_id;
      return out;
    }),
  };
}

/** The Devices view; refused (402 DOMAIN_NOT_ACTIVATED) once the trial is over without credits. */
export function devices(
  ctx: SmartContext,
  name: string,
): {
  serial_number: string;
  model_number: string;
  enrolled_at: string;
  invoice_id: string | null;
  credits_granted: number;
}[] {
  const domain = requireDomain(ctx.stores, name);
  requireUsable(domain, ctx.clock.now());
  return ctx.stores.ledger.devices(name).map((e) => ({
    serial_number: e.serial_number,
    model_number: e.model_number,
    enrolled_at: e.enrolled_at,
    invoice_id: e.invoice_id,
    credits_granted: e.credits_granted,
  }));
}
