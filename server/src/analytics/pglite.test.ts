import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.ts';
import { pgliteOrg } from '../../test/support/pglite-org.ts';
import { getStops, getSummary } from './service.ts';
import { FIXTURE, seedAnalyticsFixture } from '../../test/support/analytics-fixture.ts';

// The same summary on the embedded database (PGlite with PostGIS): only the Db interface.
let db: Db;
let orgId: string;
beforeAll(async () => {
  ({ db, orgId } = await pgliteOrg());
  await seedAnalyticsFixture(db, orgId);
}, 120_000);

describe('analytics on PGlite', () => {
  it('gives the same figures: 17 of 20 on time, failed by reason, km from the fixes', async () => {
    const s = await getSummary(db, orgId, { from: FIXTURE.dayA, to: FIXTURE.dayB, groupBy: 'driver', format: 'json' });
    expect(s.total).toMatchObject({
      stops: 20,
      onTimePct: 85,
      failedByReason: { absent: 2, no_access: 1 },
      ratingAvg: 4.25,
      lateP90Min: 28,
    });
    expect(s.total.actualKm).toBeGreaterThan(11.1);
    const failed = await getStops(db, orgId, { from: FIXTURE.dayA, to: FIXTURE.dayB, outcome: 'failed', limit: 10 });
    expect(failed.map((x) => x.reason)).toEqual(['absent', 'absent', 'no_access']);
  });
});
