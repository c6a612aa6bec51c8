// The seed format (server-stub/fixtures/demo.json is the default seed). Every field is documented in
// server-stub/README.md ("Seed format").

import type { PreprovisionDevice } from '../../protocol/partner.ts';

import type { AuthorizedPartner } from '../db/partners.ts';
import type { CustomerKind, TokenState } from '../db/rows.ts';
import type { SmartSeed } from '../smart/seed.ts';

export interface SeedToken {
  token: string;
  /** Default `/`. */
  org_unit_path?: string;
  /** Default `ACTIVE`. */
  state?: TokenState;
}

export interface SeedAdmin {
  email: string;
  password: string;
}

export interface SeedDevice extends PreprovisionDevice {
  /** Default: the token's org unit, else `/`. */
  org_unit_path?: string;
  /** One of this customer's pre-provisioning tokens (optional). */
  preprovisioning_token?: string;
}

export interface SeedCustomer {
  customer_id: string;
  domain: string;
  /** Default: the domain. */
  name?: string;
  /** Default `enterprise`. */
  kind?: CustomerKind;
  /** Default false. When true every registration answers 412 DM_STATUS_SERVICE_ACTIVATION_PENDING. */
  activation_pending?: boolean;
  /** `/` is always present. */
  org_units?: string[];
  /** Licence pools (default 0 each); see rules/licences.ts for which one a registration takes. */
  licenses?: {
    chrome_enterprise_upgrade?: number;
    chrome_education_upgrade?: number;
    chrome_nonprofit_upgrade?: number;
  };
  admins?: SeedAdmin[];
  preprovisioning_tokens?: SeedToken[];
  enrollment_tokens?: SeedToken[];
  /** Devices already PRE_PROVISIONED. */
  devices?: SeedDevice[];
}

export interface SeedPartner {
  partner_id: string;
  company: string;
  api_key: string;
}

export interface StubSeed {
  customers?: SeedCustomer[];
  partners?: SeedPartner[];
  /** Replaces the default authorised-partner list (seed 000's table, fixtures/partners.ts). */
  authorized_partners?: AuthorizedPartner[];
  /** Passed to the SMART Remote Management seeder (its format is in README.md). */
  smart?: SmartSeed;
}
