import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStub } from '../../../server-stub/app.ts';
import { TestClock } from '../../../server-stub/clock.ts';
import { STUB_TABLES } from '../../../server-stub/db/schema.ts';
import type { StubSeed } from '../../../server-stub/seed/types.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zte-stub-unit-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const count = (db: import('better-sqlite3').Database, table: string): number =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('createStub', () => {
  it('loads the demo seed by default, with relative SMART dates resolved against the clock', async () => {
    const stub = createStub({ clock: new TestClock('2025-06-02T00:00:00Z') });
    try {
      expect(stub.stores.customers.get('C00demo01')?.ceu_total).toBe(10);
      expect(stub.stores.customers.orgUnits('C00demo01')).toEqual(['/', '/Classrooms']);
      const inv = stub.db
        .prepare('SELECT purchased_at FROM smart_invoices WHERE invoice_id = ?')
        .get('SRM-DEMO-0001') as {
        purchased_at: string;
      };
      expect(inv.purchased_at).toBe('2025-05-03T00:00:00.000Z');
      const res = await stub.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: 'admin@demo.example', password: 'demo-password' },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await stub.close();
    }
  });

  it('seeds a file database once: a restart with another seed keeps the first data', async () => {
    const db = join(dir, 's.sqlite');
    const seedA = { customers: [{ customer_id: 'CA', domain: 'a.example' }] };
    const seedB = { customers: [{ customer_id: 'CB', domain: 'b.example' }] };
    const a = createStub({ db, seed: seedA });
    await a.app.ready();
    const cas = count(a.db, 'manufacturer_cas');
    expect(cas).toBe(1);
    await a.close();
    const b = createStub({ db, seed: seedB });
    try {
      expect(b.stores.customers.get('CA')).toBeDefined();
      expect(b.stores.customers.get('CB')).toBeUndefined();
      await b.app.ready();
      expect(count(b.db, 'manufacturer_cas')).toBe(1);
    } finally {
      await b.close();
    }
  });

  it('reads a seed file, and refuses an invalid one before touching the database', async () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ customers: [{ customer_id: 'CF', domain: 'f.example' }] }));
    const stub = createStub({ seed: good });
    expect(stub.stores.customers.get('CF')?.domain).toBe('f.example');
    await stub.close();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"customers": [ }');
    expect(() => createStub({ db: join(dir, 'never.sqlite'), seed: bad })).toThrow(
      /bad\.json is not valid JSON/,
    );
    expect(existsSync(join(dir, 'never.sqlite'))).toBe(false);
    const badSmart = { smart: { invoices: [{ invoice_id: 'I1' }] } } as unknown as StubSeed;
    expect(() => createStub({ db: join(dir, 'never2.sqlite'), seed: badSmart })).toThrow(
      /smart\.invoices\[0\]/,
    );
    expect(existsSync(join(dir, 'never2.sqlite'))).toBe(false);
  });

  it('owns the tables it declares', async () => {
    const stub = createStub({ seed: {} });
    try {
      for (const t of STUB_TABLES) expect(count(stub.db, t), t).toBeGreaterThanOrEqual(0);
      expect(count(stub.db, 'authorized_partners')).toBe(76);
    } finally {
      await stub.close();
    }
  });
});
