// Opens the stub's SQLite database: a file (WAL journal, so readers never block the writer and a
// clean close checkpoints everything) or ':memory:'. Creates the parent directory of a file path.

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import { applySchema } from './schema.ts';

export const MEMORY = ':memory:';

export function openDatabase(path: string): Database {
  if (path !== MEMORY) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new BetterSqlite3(path);
  if (path !== MEMORY) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applySchema(db);
  return db;
}

export function readMeta(db: Database, key: string): string | undefined {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key);
  return row?.value;
}

export function writeMeta(db: Database, key: string, value: string): void {
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
