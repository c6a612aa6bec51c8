// What every route module receives: the stores over the database, the clock, the manufacturer CAs
// and the test-fault table.

import type { CaStore } from './attestation/ca-store.ts';
import type { SettableClock } from './clock.ts';
import type { Stores } from './db/stores.ts';
import type { FaultStore } from './test-hooks/faults.ts';

export interface StubContext {
  readonly stores: Stores;
  readonly clock: SettableClock;
  readonly cas: CaStore;
  readonly faults: FaultStore;
}

export function nowIso(ctx: StubContext): string {
  return ctx.clock.now().toISOString();
}
