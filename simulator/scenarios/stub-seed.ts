// The stub seed a fleet needs: the demo seed (customers, tokens, partner) plus, for SMART displays, the
// invoices they are on, the reseller key and the SRM domains of the scenarios. Invoices cannot be created
// through any API (they come from SMART's order system), so a stub the fleet talks to must be started with this
// seed: in-process the runner does it; for `--server URL`, `npm run -s fleet -- stub-seed …` prints it.

import { DEMO_SEED_PATH, readSeedFile } from '../../server-stub/seed/load.ts';
import type { StubSeed } from '../../server-stub/seed/types.ts';
import type { SmartSeedDomain, SmartSeedInvoice } from '../../server-stub/smart/seed.ts';
import type { DevicePlan, SmartDomainRole } from './types.ts';
import { RESELLER_KEY, SMART_DOMAINS } from './world.ts';

export function smartInvoices(plans: readonly DevicePlan[]): SmartSeedInvoice[] {
  const invoices = new Map<string, SmartSeedInvoice>();
  for (const plan of plans) {
    const inv = plan.smart?.invoice;
    if (inv === undefined || inv === null || plan.hardware.kind !== 'smart') continue;
    let invoice = invoices.get(inv.id);
    if (invoice === undefined) {
      // The claim code for SMART Admin Portal is the invoice id (the seed's default).
      invoice =
        inv.creditsVia === 'enrollment'
          ? {
              invoice_id: inv.id,
              credits_via: 'enrollment',
              purchased_days_ago: inv.purchasedDaysAgo,
              displays: [],
            }
          : {
              invoice_id: inv.id,
              credits_via: 'product-key',
              product_key: inv.productKey,
              purchased_days_ago: inv.purchasedDaysAgo,
              displays: [],
            };
      invoices.set(inv.id, invoice);
    }
    invoice.displays.push({
      serial_number: plan.hardware.identity.serialNumber,
      model_number: plan.hardware.modelNumber,
      credits: inv.credits,
    });
  }
  return [...invoices.values()];
}

export function smartDomainSeeds(): SmartSeedDomain[] {
  return (Object.keys(SMART_DOMAINS) as SmartDomainRole[]).map((role) => {
    const d = SMART_DOMAINS[role];
    return {
      name: d.name,
      organization: `Fleet ${role} school`,
      contact_name: 'Fleet Admin',
      phone: '+1 555 0199',
      email: d.email,
      password: d.password,
      activated_days_ago: d.activatedDaysAgo,
    };
  });
}

/** The demo seed plus the fleet's SMART invoices and domains (pass every plan of the fleet, not a shard). */
export function fleetStubSeed(plans: readonly DevicePlan[]): StubSeed {
  const demo = readSeedFile(DEMO_SEED_PATH);
  return {
    ...demo,
    smart: {
      ...demo.smart,
      invoices: [...(demo.smart?.invoices ?? []), ...smartInvoices(plans)],
      reseller_keys: [
        ...(demo.smart?.reseller_keys ?? []),
        { product_key: RESELLER_KEY.productKey, credits: RESELLER_KEY.credits },
      ],
      domains: [...(demo.smart?.domains ?? []), ...smartDomainSeeds()],
    },
  };
}
