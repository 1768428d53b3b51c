import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../test/harness.ts';
import { TEST_DATABASE_URL } from '../../test/test-db.ts';
import type { Db } from '../db/db.ts';
import { createPgDb } from '../db/pg-adapter.ts';
import { seedDemo } from './demo.ts';

describe('demo seed', () => {
  let db: Db;
  beforeAll(() => {
    db = createPgDb(TEST_DATABASE_URL, { max: 2 });
  });
  afterAll(() => db.close());

  it('creates a Lyon depot, 8 vans with weekday shifts and about 400 orders over 10 working days', async () => {
    const org = await createTestOrg(db);
    // A Thursday: the 10 working days run from Friday to the Thursday two weeks later.
    const now = new Date('2026-11-26T08:00:00Z'); // 09:00 in Paris
    const summary = await seedDemo(db, org.id, now);
    expect(summary).toMatchObject({ depots: 1, vehicles: 8, drivers: 8, orders: 400 });
    expect(summary.shifts).toBeGreaterThanOrEqual(8 * 20);

    const orders = await db.query<{ n: number; first: string; last: string; windows: number; located: number }>(
      `SELECT count(*)::int AS n, min(date_from)::text AS first, max(date_to)::text AS last,
              count(*) FILTER (WHERE jsonb_array_length(time_windows) > 0)::int AS windows,
              count(*) FILTER (WHERE ST_DWithin(location, ST_MakePoint(4.85, 45.76)::geography, 15000))::int AS located
       FROM orders WHERE org_id = $1`,
      [org.id],
    );
    const o = orders.rows[0]!;
    expect(o.n).toBe(400);
    expect(o.first).toBe('2026-11-27');
    expect(o.last).toBe('2026-12-10');
    expect(o.windows).toBeGreaterThan(300); // most orders have a time window
    expect(o.located).toBe(400); // every order within 15 km of central Lyon

    const weekend = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM shifts WHERE org_id = $1 AND extract(isodow FROM local_date) > 5`,
      [org.id],
    );
    expect(weekend.rows[0]!.n).toBe(0);
  });
});
