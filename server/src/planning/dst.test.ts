import { CreateDepotRequest, CreateShiftRequest, CreateVehicleRequest } from '@tournee/shared';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/audit.ts';
import * as fleet from '../fleet/service.ts';
import { mulberry32 } from '../seed/prng.ts';
import { checkRoutes } from '../../test/support/independent-checker.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';

// Summer time starts in Paris on Sunday 28 March 2027 at 02:00 (UTC+1 → UTC+2).
const DAYS = ['2027-03-26', '2027-03-27', '2027-03-28', '2027-03-29', '2027-03-30'];
const ZONE = 'Europe/Paris';

describe('a plan across a DST change', () => {
  let t: PlanningTestApp;
  beforeAll(async () => {
    t = await startPlanningApp();
    const actor = systemActor(t.org.id);
    const depot = await fleet.createDepot(
      t.db,
      actor,
      CreateDepotRequest.parse({ name: 'Lyon', location: { lon: 4.8322, lat: 45.7295 }, timeZone: ZONE }),
    );
    for (let v = 0; v < 2; v++) {
      const vehicle = await fleet.createVehicle(
        t.db,
        actor,
        CreateVehicleRequest.parse({ name: `Van ${v + 1}`, depotId: depot.id, capacity: [800, 6, 60] }),
      );
      for (const d of DAYS) {
        await fleet.createShift(
          t.db,
          actor,
          CreateShiftRequest.parse({
            vehicleId: vehicle.id,
            localDate: d,
            start: '07:00',
            end: '18:00',
            breaks: [{ start: '12:00', end: '14:00', durationMin: 30 }],
          }),
        );
      }
    }
    const rand = mulberry32(7);
    const windows = [
      ['07:30', '08:00'],
      ['08:00', '08:30'],
      ['10:00', '10:30'],
      ['16:30', '17:00'],
    ];
    await t.importOrders(
      Array.from({ length: 60 }, (_, i) => {
        const day = Math.floor(rand() * DAYS.length);
        const [start, end] = windows[i % windows.length]!;
        return {
          ref: `DST-${i}`,
          name: `Customer ${i}`,
          address: `${i} rue de Lyon`,
          lat: (45.76 + (rand() - 0.5) * 0.06).toFixed(5),
          lon: (4.84 + (rand() - 0.5) * 0.08).toFixed(5),
          date_from: DAYS[day]!,
          date_to: DAYS[Math.min(DAYS.length - 1, day + (i % 3))]!,
          service_min: '4',
          demand_kg: '5',
          demand_m3: '0.05',
          demand_parcels: '1',
          tw_start: start!,
          tw_end: end!,
        };
      }),
    );
  });
  afterAll(() => t.close());

  it('keeps every arrival inside its local window on both sides of the change', async () => {
    const r = await t.call('POST', '/plans', { from: DAYS[0], to: DAYS[DAYS.length - 1], timeLimitS: 2 });
    expect(r.status).toBe(202);
    const plan = await t.waitForPlan(r.body.planId);
    expect(plan.status, plan.error).toBe('done');
    expect(plan.summary.assigned).toBeGreaterThan(40);
    expect(await checkRoutes(t.db, t.org.id, { speedMps: 30 / 3.6, circuity: 1.3 }, ['kg', 'm3', 'parcels'])).toEqual(
      [],
    );

    // On the Monday after the change 08:00–08:30 local is 06:00–06:30 UTC; on the Friday before, 07:00–07:30 UTC.
    const stops = await t.db.query<{ local_date: string; at: Date; tw: { start: string }[] }>(
      `SELECT r.local_date, s.planned_arrival_at + make_interval(secs => s.waiting_s) AS at, o.time_windows AS tw
         FROM stops s JOIN routes r ON r.id = s.route_id JOIN orders o ON o.id = s.order_id WHERE r.org_id = $1`,
      [t.org.id],
    );
    const local = stops.rows.map((s) => ({
      day: s.local_date,
      start: s.tw[0]!.start,
      hhmm: DateTime.fromJSDate(s.at, { zone: ZONE }).toFormat('HH:mm:ss'),
    }));
    expect(new Set(local.map((s) => s.day)).size).toBeGreaterThanOrEqual(4);
    for (const s of local) {
      const [h, m] = s.start.split(':').map(Number);
      const startS = (h! * 60 + m!) * 60;
      const [ah, am, as] = s.hhmm.split(':').map(Number);
      const at = (ah! * 60 + am!) * 60 + as!;
      // Within a second or two of rounding between the solver's seconds and stored instants.
      expect(at, `${s.day} window ${s.start} served at ${s.hhmm}`).toBeGreaterThanOrEqual(startS - 2);
      expect(at, `${s.day} window ${s.start} served at ${s.hhmm}`).toBeLessThanOrEqual(startS + 30 * 60 + 2);
    }
  });
});
