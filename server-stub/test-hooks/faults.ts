// Injected faults: "answer the next `count` requests of this type with this status", as Chromium's
// fake DM server does. Persisted in the faults table; taking one decrements it atomically.

import type { Database, Statement } from 'better-sqlite3';
import type { DmRequestType } from '../../protocol/dm.ts';

export interface Fault {
  request_type: DmRequestType;
  status: number;
  remaining: number;
  retry_after_seconds: number | null;
}

export class FaultStore {
  readonly #db: Database;
  readonly #get: Statement<[string], Fault>;
  readonly #all: Statement<[], Fault>;
  readonly #set: Statement<[string, number, number, number | null]>;
  readonly #decrement: Statement<[string]>;
  readonly #delete: Statement<[string]>;
  readonly #clear: Statement<[]>;

  constructor(db: Database) {
    this.#db = db;
    this.#get = db.prepare('SELECT * FROM faults WHERE request_type = ? AND remaining > 0');
    this.#all = db.prepare('SELECT * FROM faults WHERE remaining > 0 ORDER BY request_type');
    this.#set = db.prepare(
      `INSERT INTO faults (request_type, status, remaining, retry_after_seconds) VALUES (?, ?, ?, ?)
       ON CONFLICT (request_type) DO UPDATE SET status = excluded.status, remaining = excluded.remaining,
         retry_after_seconds = excluded.retry_after_seconds`,
    );
    this.#decrement = db.prepare('UPDATE faults SET remaining = remaining - 1 WHERE request_type = ?');
    this.#delete = db.prepare('DELETE FROM faults WHERE request_type = ?');
    this.#clear = db.prepare('DELETE FROM faults');
  }

  set(requestType: DmRequestType, status: number, count: number, retryAfterSeconds: number | null): void {
    if (count === 0) this.#delete.run(requestType);
    else this.#set.run(requestType, status, count, retryAfterSeconds);
  }

  list(): Fault[] {
    return this.#all.all();
  }

  clear(): void {
    this.#clear.run();
  }

  /** The fault to answer this request with, if one is pending (and counts it). */
  take(requestType: string): Fault | undefined {
    return this.#db
      .transaction((): Fault | undefined => {
        const f = this.#get.get(requestType);
        if (f !== undefined) this.#decrement.run(requestType);
        return f;
      })
      .immediate();
  }
}
