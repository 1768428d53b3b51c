import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../test/harness.ts';
import { TEST_DATABASE_URL } from '../../test/test-db.ts';
import type { Db } from '../db/db.ts';
import { createPgDb } from '../db/pg-adapter.ts';
import { createLogger } from '../logger.ts';
import type { DomainPublisher } from '../events/bus.ts';
import { type DriverContext, PositionIngest } from './ingest.ts';
import { isDataError, writeIsolating } from './isolate.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';

const point = (s: number, extra: { speedMps?: number } = {}) => ({
  id: randomUUID(),
  deviceAt: new Date(Date.now() - 60_000 + s * 1000).toISOString(),
  t: Date.now() - 60_000 + s * 1000,
  coordinates: [4.83, 45.76] as [number, number],
  accuracyM: 8,
  speedMps: 5,
  ...extra,
});

describe('position ingest with a point the database refuses', () => {
  let db: Db;
  let a: DriverContext;
  let b: DriverContext;
  const moved: string[] = [];
  const bus: DomainPublisher = {
    publish: (type, e) => {
      if (type === 'driverPosition' && 'driverId' in e) moved.push(e.driverId);
    },
  };

  beforeAll(async () => {
    db = createPgDb(TEST_DATABASE_URL, { max: 2 });
    const org = await createTestOrg(db);
    for (const name of ['Alice', 'Basile']) {
      const day = await seedDriverDay(db, org.id, { name });
      const ctx = { driverId: day.driverId, orgId: org.id, routeId: day.routeId, localDate: day.localDate };
      if (name === 'Alice') a = ctx;
      else b = ctx;
    }
  });
  afterAll(() => db.close());

  it("stores every other driver's points of the flush and reports the bad one invalid", async () => {
    const ingest = new PositionIngest(db, bus, createLogger('silent'), { flushMs: 50 });
    // 1e39 passes no schema today; here it stands for any value a column cannot hold.
    const bad = point(1, { speedMps: 1e39 });
    const aGood = [point(0), point(2)];
    const bGood = Array.from({ length: 10 }, (_, i) => point(i));
    const [ra, rb] = await Promise.all([ingest.submit(a, [aGood[0]!, bad, aGood[1]!]), ingest.submit(b, bGood)]);
    // Both submissions share the flush's sets: each socket reads its own points in them.
    expect([...ra.invalid]).toEqual([bad.id]);
    for (const p of [...aGood, ...bGood]) expect(rb.inserted.has(p.id)).toBe(true);
    expect(ra.inserted.has(bad.id)).toBe(false);
    const stored = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions WHERE driver_id = ANY($1)', [
      [a.driverId, b.driverId],
    ]);
    expect(stored.rows[0]!.n).toBe(12);
    expect(moved.sort()).toEqual([a.driverId, b.driverId].sort());
  });
});

describe('writeIsolating', () => {
  const dataError = Object.assign(new Error('value out of range'), { code: '22003' });
  const writer = (bad: Set<number>, calls: number[][]) => async (rows: readonly number[]) => {
    calls.push([...rows]);
    if (rows.some((r) => bad.has(r))) throw dataError;
    return rows.length;
  };

  it('isolates each bad row in about 2·log2(n) statements and writes all the others', async () => {
    const calls: number[][] = [];
    const rows = Array.from({ length: 1024 }, (_, i) => i);
    const out = await writeIsolating(rows, writer(new Set([700]), calls));
    expect(out.refused.map((r) => r.row)).toEqual([700]);
    expect(out.results.reduce((s, n) => s + n, 0)).toBe(1023);
    expect(calls.length).toBeLessThanOrEqual(2 * 10 + 1);
  });

  it('fails as a whole when the database is down (the phones send again)', async () => {
    const down = Object.assign(new Error('connection terminated'), { code: '57P01' });
    await expect(
      writeIsolating([1, 2, 3], async () => {
        throw down;
      }),
    ).rejects.toBe(down);
    expect(isDataError(new Error('ECONNREFUSED'))).toBe(false);
    expect(isDataError(dataError)).toBe(true);
  });
});
