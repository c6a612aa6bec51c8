// A snapshot of the stub's whole database (row count and SHA-256 of every table, and the stub's clock),
// so a property can prove that a refused request wrote nothing; and the database's own integrity checks.

import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { StartedStub } from '../../../helpers/stub.ts';

export interface State {
  tables: Record<string, string>;
  clock: string;
}

/** Every table's row count and content hash, and the stub's clock (test hooks can move it). */
export function snapshot(s: StartedStub): State {
  const db = s.stub.db;
  const names = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  const tables: Record<string, string> = {};
  for (const t of names) {
    const rows = db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all();
    const hash = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
    tables[t] = `${rows.length} rows, sha256 ${hash}`;
  }
  return { tables, clock: s.stub.clock.now().toISOString() };
}

/** The snapshot without some tables (those a valid request legitimately writes). */
export function without(state: State, ...tables: string[]): State {
  const kept = Object.fromEntries(Object.entries(state.tables).filter(([t]) => !tables.includes(t)));
  return { tables: kept, clock: state.clock };
}

export function expectIntegrity(s: StartedStub): void {
  expect(s.stub.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(s.stub.db.pragma('foreign_key_check')).toEqual([]);
}
