import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';
import { systemActor } from '../audit/audit.ts';
import { runImport } from '../orders/import/pipeline.ts';
import { jsonSource } from '../orders/import/sources.ts';
import {
  type AnalyticsFixture,
  FIXTURE,
  meridianArcM,
  seedAnalyticsFixture,
} from '../../test/support/analytics-fixture.ts';

let t: TestApp;
let f: AnalyticsFixture;
const range = `from=${FIXTURE.dayA}&to=${FIXTURE.dayB}`;

beforeAll(async () => {
  t = await startTestApp();
  f = await seedAnalyticsFixture(t.db, t.org.id);
});
afterAll(async () => {
  await t?.close();
});

const get = async (path: string, as: 'admin' | 'dispatcher' | 'driver' = 'dispatcher') => {
  const res = await t.api(path, { as });
  return { status: res.status, body: await readJson(res) };
};

// Alice's route: 11 fixes along the meridian; Bruno's has none.
const kmA = Math.round(meridianArcM(FIXTURE.latFrom, FIXTURE.latTo)) / 1000;

describe('analytics summary', () => {
  it('gives the exact figures of a seeded fortnight: 17 of 20 on time is 85.0 %', async () => {
    const { status, body } = await get(`/analytics/summary?${range}&groupBy=day`);
    expect(status).toBe(200);
    const total = body.total;
    expect(total).toMatchObject({
      key: null,
      routes: 2,
      stops: 20,
      delivered: 17,
      failed: 3,
      failedByReason: { absent: 2, no_access: 1 },
      skipped: 0,
      arrived: 20,
      onTime: 17,
      onTimePct: 85,
      lateAvgMin: 20,
      // percentile_cont(0.9) of 10, 20, 30 minutes
      lateP90Min: 28,
      plannedKm: 20,
      ratingAvg: 4.25,
      ratingCount: 4,
      messagesSent: 3,
      messagesFailed: 1,
      overtimeS: 1800,
      // (11:30 − 07:00) − 11 × 6 min on Alice's day, (09:45 − 07:00) − the 7 services before Bruno's last stop
      actualDrivingS: 16_200 - 11 * 360 + (9_900 - (5 * 360 + 240 + 360)),
      // 12 × 20 min − 11 × 5 min and 8 × 20 min − 7 × 5 min
      plannedDrivingS: 12 * 1200 - 11 * 300 + (8 * 1200 - 7 * 300),
      plannedServiceS: 20 * 300,
      actualServiceS: 17 * 360 + 240 + 360 + 600,
    });
    // Metres: PostGIS against the arc computed here on the same sphere.
    expect(Math.abs(total.actualKm - kmA)).toBeLessThanOrEqual(0.001);
    expect(kmA).toBeGreaterThan(11.1);
    // Alice: 50 + 0.5 × km + 20 × 9.5 h; Bruno: 50 + 0.5 × 8 + 20 × (09:55 − 07:00); over 17 delivered.
    const cost = 50 + 0.5 * kmA + 190 + (50 + 4 + (20 * 175) / 60);
    expect(total.costPerDelivered).toBeCloseTo(cost / 17, 2);
    expect(
      body.groups.map((g: { key: string; onTimePct: number; stops: number }) => [g.key, g.stops, g.onTimePct]),
    ).toEqual([
      [FIXTURE.dayA, 12, 75],
      [FIXTURE.dayB, 8, 100],
    ]);
  });

  it('groups by driver with names, and by vehicle and depot', async () => {
    const byDriver = (await get(`/analytics/summary?${range}&groupBy=driver`)).body;
    expect(byDriver.groups).toMatchObject([
      {
        key: f.driverA,
        label: 'Alice Martin',
        stops: 12,
        failed: 3,
        failedByReason: { absent: 2, no_access: 1 },
        overtimeS: 1800,
      },
      { key: f.driverB, label: 'Bruno Petit', stops: 8, failed: 0, failedByReason: {}, actualKm: 0, overtimeS: 0 },
    ]);
    const byVehicle = (await get(`/analytics/summary?${range}&groupBy=vehicle`)).body;
    expect(byVehicle.groups).toMatchObject([{ key: f.vehicleId, label: 'Van 1', stops: 20, onTimePct: 85 }]);
    const byDepot = (await get(`/analytics/summary?${range}&groupBy=depot`)).body;
    expect(byDepot.groups).toMatchObject([{ key: f.depotId, label: 'Lyon', stops: 20 }]);
  });

  it('counts an arrival within the organisation tolerance as on time', async () => {
    const patch = await t.api('/organisation', {
      method: 'PATCH',
      body: JSON.stringify({ analytics: { onTimeToleranceMin: 10, serviceTimeVisits: 5 } }),
    });
    expect(patch.status).toBe(200);
    const { body } = await get(`/analytics/summary?${range}`);
    expect(body.onTimeToleranceMin).toBe(10);
    expect(body.total).toMatchObject({ onTime: 18, onTimePct: 90 });
    await t.api('/organisation', {
      method: 'PATCH',
      body: JSON.stringify({ analytics: { onTimeToleranceMin: 0, serviceTimeVisits: 5 } }),
    });
  });

  it('exports the groups and the total as CSV and XLSX', async () => {
    const csv = await t.api(`/analytics/summary?${range}&groupBy=driver&format=csv`, { as: 'dispatcher' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^group,key,routes,stops,delivered,failed,failed_by_reason/);
    expect(lines[3]).toMatch(/^Total,,2,20,17,3,absent:2 no_access:1,0,20,17,85,/);
    const xlsx = await t.api(`/analytics/summary?${range}&format=xlsx`, { as: 'dispatcher' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(4).getCell(11).value).toBe(85);
  });

  it('is for dispatchers and admins, and names a bad parameter', async () => {
    expect((await get(`/analytics/summary?${range}`, 'driver')).status).toBe(403);
    const bad = await get(`/analytics/summary?from=${FIXTURE.dayB}&to=${FIXTURE.dayA}&groupBy=week`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('groupBy');
    expect(bad.body.error.message).toContain('to');
  });
});

describe('analytics drill-down', () => {
  it('lists the failed stops behind the failed count, with their reasons', async () => {
    const { body } = await get(`/analytics/stops?${range}&driverId=${f.driverA}&outcome=failed`);
    expect(body.items.map((s: { orderRef: string; reason: string }) => [s.orderRef, s.reason])).toEqual([
      [`${FIXTURE.dayA}-2`, 'absent'],
      [`${FIXTURE.dayA}-3`, 'absent'],
      [`${FIXTURE.dayA}-4`, 'no_access'],
    ]);
  });

  it('lists the late stops with their minutes past the window', async () => {
    const { body } = await get(`/analytics/stops?${range}&outcome=late`);
    expect(body.items.map((s: { lateMin: number; driverName: string }) => [s.driverName, s.lateMin])).toEqual([
      ['Alice Martin', 10],
      ['Alice Martin', 20],
      ['Alice Martin', 30],
    ]);
  });
});

describe('ratings and learned service times', () => {
  it('lists ratings with their comments, driver and day', async () => {
    const { body } = await get(`/ratings?${range}`);
    expect(body.items).toHaveLength(4);
    expect(body.items.map((r: { rating: number }) => r.rating).sort()).toEqual([3, 4, 5, 5]);
    expect(body.items[0]).toMatchObject({ driverName: 'Alice Martin', localDate: FIXTURE.dayA });
    expect(body.items.map((r: { comment: string }) => r.comment)).toContain('Comment 2');
  });

  it('learns the median service time of an address over its last visits', async () => {
    const { body } = await get(
      `/analytics/service-times?address=${encodeURIComponent('12 rue des lilas, LYON')}&visits=5`,
    );
    expect(body.items).toEqual([
      {
        addressKey: '12 rue des lilas, lyon',
        address: expect.any(String),
        visits: 3,
        medianServiceS: 360,
        serviceMin: 6,
      },
    ]);
    // Over the last two visits only (6 and 10 min): 8 min.
    const last2 = await get(
      `/analytics/service-times?address=${encodeURIComponent('12 rue des Lilas, Lyon')}&visits=2`,
    );
    expect(last2.body.items[0]).toMatchObject({ visits: 2, serviceMin: 8 });
  });
});

describe('learned service times at import', () => {
  const importRows = async (rows: Record<string, string>[]) => {
    const r = await runImport({ db: t.db, geocoder: null }, systemActor(t.org.id), {
      source: jsonSource(rows),
      filename: 'learned.json',
      partial: false,
      mapping: {},
    });
    expect(r.committed).toBe(true);
  };
  const serviceOf = async (ref: string) =>
    (
      await t.db.query<{ service_s: number }>('SELECT service_s FROM orders WHERE org_id = $1 AND ref = $2', [
        t.org.id,
        ref,
      ])
    ).rows[0]?.service_s;
  const row = (ref: string, address: string, extra: Record<string, string> = {}) => ({
    ref,
    name: ref,
    address,
    lat: '45.75',
    lon: '4.84',
    date: '2026-03-10',
    ...extra,
  });

  it("gives a row without service_min the median of its address's last visits, and keeps a given one", async () => {
    await importRows([
      row('learned-1', '12 Rue des Lilas,  Lyon'),
      row('learned-2', '12 rue des Lilas, Lyon', { service_min: '15' }),
      row('learned-3', '99 avenue Nouvelle, Lyon'),
    ]);
    expect(await serviceOf('learned-1')).toBe(360);
    expect(await serviceOf('learned-2')).toBe(900);
    // No visit measured there: the organisation's default service time.
    expect(await serviceOf('learned-3')).toBe(300);
  });

  it('uses the default service time when the organisation turns learning off', async () => {
    const patch = await t.api('/organisation', {
      method: 'PATCH',
      body: JSON.stringify({ analytics: { onTimeToleranceMin: 0, serviceTimeVisits: 0 } }),
    });
    expect(patch.status).toBe(200);
    await importRows([row('learned-4', '12 rue des Lilas, Lyon')]);
    expect(await serviceOf('learned-4')).toBe(300);
  });
});
