// The purchase confirmation e-mail of a SMART product bought with an SRM subscription. Seed 002: "this
// e-mail says whether you must obtain a product key in SMART Admin Portal" — or whether the credits come
// automatically when each display is enrolled.

import type { SmartInvoiceRow } from '../db/smart-invoices.ts';
import { claimExpiresAt } from './credits.ts';
import { iso } from './time.ts';

export function purchaseMessage(
  invoice: SmartInvoiceRow,
  displays: readonly { serial_number: string; credits: number }[],
): { subject: string; body: string } {
  const list = displays.map((d) => `  ${d.serial_number}: ${d.credits} SMART Remote Management credits`);
  const how =
    invoice.credits_via === 'enrollment'
      ? [
          'You receive these credits automatically when you enroll each display in your SMART Remote',
          'Management domain: no product key is needed.',
        ]
      : [
          `Obtain the product key of this purchase in SMART Admin Portal with the claim code ${invoice.claim_code ?? ''}`,
          `(POST /smart/v1/admin-portal/claims) within one year of purchase, that is by ${iso(claimExpiresAt(invoice))}.`,
          'All the displays of this invoice share that one key. Then redeem it in SMART Remote Management:',
          'User icon → Billing, type it in the "Numéro du code PIN" box and click "Utiliser".',
        ];
  return {
    subject: `Your SMART order ${invoice.invoice_id}: SMART Remote Management subscription`,
    body: [
      `Thank you for your purchase (invoice ${invoice.invoice_id}, ${invoice.purchased_at}).`,
      'It includes a SMART Remote Management subscription for these displays:',
      ...list,
      '',
      ...how,
    ].join('\n'),
  };
}
