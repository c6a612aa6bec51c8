// All prepared-statement stores over one database, created once per stub.

import type { Database } from 'better-sqlite3';
import { type Clock, systemClock } from '../clock.ts';
import { AdminStore } from './admins.ts';
import { CustomerStore } from './customers.ts';
import { DeviceSettingsStore } from './device-settings.ts';
import { DeviceStore } from './devices.ts';
import { DmTokenStore } from './dm-tokens.ts';
import { PartnerStore } from './partners.ts';
import { PolicyKeyStore } from './policy-keys.ts';
import { TokenStore } from './tokens.ts';

export interface Stores {
  readonly db: Database;
  readonly customers: CustomerStore;
  readonly admins: AdminStore;
  readonly partners: PartnerStore;
  readonly preprovisioningTokens: TokenStore;
  readonly enrollmentTokens: TokenStore;
  readonly devices: DeviceStore;
  readonly dmTokens: DmTokenStore;
  readonly deviceSettings: DeviceSettingsStore;
  /** The DM policy signing keys (clock: creation times). */
  readonly policyKeys: PolicyKeyStore;
}

export function createStores(db: Database, clock: Clock = systemClock): Stores {
  return {
    db,
    customers: new CustomerStore(db),
    admins: new AdminStore(db),
    partners: new PartnerStore(db),
    preprovisioningTokens: new TokenStore(db, 'preprovisioning_tokens'),
    enrollmentTokens: new TokenStore(db, 'enrollment_tokens'),
    devices: new DeviceStore(db),
    dmTokens: new DmTokenStore(db),
    deviceSettings: new DeviceSettingsStore(db),
    policyKeys: new PolicyKeyStore(db, clock),
  };
}
