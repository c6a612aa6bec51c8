// The SMART Remote Management stores over one database (its tables: smart-schema.ts).

import type { Database } from 'better-sqlite3';
import { SmartDomainStore } from './smart-domains.ts';
import { SmartInvoiceStore } from './smart-invoices.ts';
import { SmartLedgerStore } from './smart-ledger.ts';
import { applySmartSchema } from './smart-schema.ts';

export interface SmartStores {
  readonly db: Database;
  readonly domains: SmartDomainStore;
  readonly invoices: SmartInvoiceStore;
  readonly ledger: SmartLedgerStore;
}

/** Creates the SMART tables if needed, then prepares every statement. */
export function createSmartStores(db: Database): SmartStores {
  applySmartSchema(db);
  return {
    db,
    domains: new SmartDomainStore(db),
    invoices: new SmartInvoiceStore(db),
    ledger: new SmartLedgerStore(db),
  };
}
