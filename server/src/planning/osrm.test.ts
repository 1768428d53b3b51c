import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { osrmStandIn, type StandInRoads } from '../../test/support/osrm-stand-in.ts';
import { createOsrmClient } from '../travel/osrm.ts';
import { oneVanDay, type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { type LonLatPair, travelDistanceM } from '../travel/travel.ts';

/** OSRM's roads in this stand-in: 1.5 × the straight line at 10 m/s, drawn through midpoints. */
const ROADS: StandInRoads = {
  distanceM: (a, b) => travelDistanceM(a, b, { circuity: 1.5, speedMps: 1 }),
  durationS: (a, b) => travelDistanceM(a, b, { circuity: 1.5, speedMps: 1 }) / 10,
  line: (points) =>
    points.flatMap((p, i) => {
      const q = points[i + 1];
      return q ? [p, [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2] as LonLatPair] : [p];
    }),
};
const fakeOsrm = () => osrmStandIn(ROADS);

const grid = (n: number): LonLatPair[] =>
  Array.from({ length: n }, (_, i) => [4.8 + (i % 13) * 0.005, 45.74 + Math.floor(i / 13) * 0.004]);

describe('OSRM table provider', () => {
  let osrm: Awaited<ReturnType<typeof fakeOsrm>>;
  beforeAll(async () => {
    osrm = await fakeOsrm();
  });
  afterAll(() => osrm.close());

  it('asks in blocks that fit max-table-size, and answers a second time from its cache', async () => {
    const client = createOsrmClient(osrm.url, { maxTableSize: 100 });
    const points = grid(130);
    const m = await client.table(points);
    expect(osrm.requests.filter((r) => r.startsWith('/table/')).length).toBe(9); // 3 blocks of ≤ 50, squared
    for (const r of osrm.requests) expect(r.split('?')[0]!.split(';').length).toBeLessThanOrEqual(100);
    expect(m.distances[3]![77]).toBeCloseTo(
      travelDistanceM(points[3]!, points[77]!, { circuity: 1.5, speedMps: 1 }),
      3,
    );
    expect(m.durations[77]![3]).toBeCloseTo(m.distances[77]![3]! / 10, 6);
    expect(m.durations[5]![5]).toBe(0);
    const before = osrm.requests.length;
    await client.table(points.slice(10, 60));
    expect(osrm.requests.length).toBe(before);
  });

  it('says clearly when OSRM is unreachable', async () => {
    const client = createOsrmClient('http://127.0.0.1:9', { timeoutMs: 2000 });
    await expect(client.table(grid(3))).rejects.toThrow(/OSRM at http:\/\/127\.0\.0\.1:9 is unreachable .*OSRM_URL/);
  });

  describe('planning with OSRM_URL', () => {
    let t: PlanningTestApp;
    beforeAll(async () => {
      t = await startPlanningApp({ OSRM_URL: osrm.url });
      await oneVanDay(t, '2027-05-04');
      await t.importOrders(
        grid(12).map((p, i) => ({
          ref: `OSRM-${i}`,
          name: `C${i}`,
          address: `${i} rue X`,
          lon: String(p[0]),
          lat: String(p[1]),
          date_from: '2027-05-04',
          date_to: '2027-05-04',
          service_min: '5',
          demand_kg: '1',
          demand_m3: '0.01',
          demand_parcels: '1',
        })),
      );
    });
    afterAll(() => t.close());

    it('plans over the road matrix, draws road lines and evaluates edits with the same roads', async () => {
      osrm.requests.length = 0;
      const r = await t.call('POST', '/plans', { from: '2027-05-04', to: '2027-05-04', timeLimitS: 0.5 });
      const plan = await t.waitForPlan(r.body.planId);
      expect(plan.status, plan.error).toBe('done');
      expect(plan.summary.assigned).toBe(12);
      expect(osrm.requests.some((u) => u.startsWith('/table/'))).toBe(true);
      const [route] = (await t.call('GET', '/routes?date=2027-05-04')).body.routes;
      // The stand-in's road line has a midpoint between each pair of points.
      expect(route.geometry.coordinates.length).toBe(2 * (12 + 2) - 1);
      const stops = route.stops.filter((s: { kind: string }) => s.kind !== 'break');
      const edit = await t.call('POST', '/dispatch/edits', {
        op: 'reorder',
        routeId: route.id,
        stopIds: stops.map((s: { id: string }) => s.id),
        dryRun: true,
      });
      expect(edit.status).toBe(200);
      expect(Math.abs(edit.body.routes[0].distanceM - route.distanceM)).toBeLessThan(2);
    });
  });
});
