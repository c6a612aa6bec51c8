// Validates a seed's `smart` section before the real database is touched, through the SMART module's
// own seeder run against a throw-away in-memory database (so its messages name the field).

import BetterSqlite3 from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import { seedSmart } from '../smart/seed.ts';
import type { StubSeed } from './types.ts';

export function checkSmartSeed(seed: StubSeed, clock: Clock): void {
  if (seed.smart === undefined) return;
  const scratch = new BetterSqlite3(':memory:');
  try {
    seedSmart(scratch, seed.smart, clock);
  } finally {
    scratch.close();
  }
}
