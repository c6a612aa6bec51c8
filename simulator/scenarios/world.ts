// The accounts the fleet's scenarios use on the stub. Chrome devices use the customers, tokens and
// partner of the stub's demo seed (server-stub/fixtures/demo.json), so a stub started with its default
// seed works; SMART displays need invoices and reseller keys, which only a seed can create (fleetStubSeed,
// stub-seed.ts).

import type { FleetCustomer, FleetToken, SmartDomainRole } from './types.ts';

export const PARTNER_KEY = 'partner-demo-key';

export const CUSTOMERS: Readonly<
  Record<FleetCustomer, { id: string; domain: string; admin: { email: string; password: string } }>
> = {
  // Plenty of Chrome Enterprise Upgrade licences (setup raises the total).
  main: {
    id: 'C00demo01',
    domain: 'demo.example',
    admin: { email: 'admin@demo.example', password: 'demo-password' },
  },
  // No licence left (setup sets the total to what is in use): 402 for every device that needs one.
  'no-licences': {
    id: 'C00demo02',
    domain: 'other.example',
    admin: { email: 'admin@other.example', password: 'other-password' },
  },
};

/** Fixed tokens of the demo seed; `revocable` is created by setup and revoked after the upload. */
export const TOKENS: Readonly<
  Record<Exclude<FleetToken, 'revocable'>, { customer: FleetCustomer; token: string; orgUnit: string }>
> = {
  main: { customer: 'main', token: 'ppt-demo-0001', orgUnit: '/' },
  classrooms: { customer: 'main', token: 'ppt-demo-classrooms', orgUnit: '/Classrooms' },
  'no-licences': { customer: 'no-licences', token: 'ppt-other-0001', orgUnit: '/' },
};

/** Licences the main customer gets (the stub's ceiling is 1,000,000). */
export const MAIN_LICENCES = 1_000_000;

export interface SmartDomainAccount {
  name: string;
  email: string;
  password: string;
  /** Days since activation: the trial lasts 30 days. */
  activatedDaysAgo: number;
}

/** SMART Remote Management domains, created by the fleet's stub seed. */
export const SMART_DOMAINS: Readonly<Record<SmartDomainRole, SmartDomainAccount>> = {
  // In its 30-day trial.
  trial: {
    name: 'fleettrial',
    email: 'it@fleettrial.example',
    password: 'fleet-password',
    activatedDaysAgo: 3,
  },
  // Trial over; displays that bring included credits still enroll.
  expired: {
    name: 'fleetexpired',
    email: 'it@fleetexpired.example',
    password: 'fleet-password',
    activatedDaysAgo: 45,
  },
  // Trial over and no credits (its invoices include none): not activated, every enrollment is 402.
  'expired-bare': {
    name: 'fleetbare',
    email: 'it@fleetbare.example',
    password: 'fleet-password',
    activatedDaysAgo: 60,
  },
  // Trial over; setup redeems the credits of a reseller key (RESELLER_KEY) in its Billing.
  reseller: {
    name: 'fleetreseller',
    email: 'it@fleetreseller.example',
    password: 'fleet-password',
    activatedDaysAgo: 90,
  },
  // Trial over, no key: displays whose invoice includes credits on enrollment activate it as they enroll.
  auto: {
    name: 'fleetauto',
    email: 'it@fleetauto.example',
    password: 'fleet-password',
    activatedDaysAgo: 75,
  },
};

/** Credits bought from a SMART reseller for the `reseller` domain: a product key received by e-mail. */
export const RESELLER_KEY = { productKey: 'FLEET-RESELLER-0001', credits: 500 } as const;
