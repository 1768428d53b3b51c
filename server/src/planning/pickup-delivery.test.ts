import { localToUtc, todayIn } from '@tournee/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverSocket, stopEvent, vanWithShifts } from '../../test/driver-day.ts';
import { systemActor } from '../audit/audit.ts';
import type { Geocoder } from '../geocoding/geocoder.ts';
import { loadOrderContexts } from '../notify/context-repo.ts';
import { runImport } from '../orders/import/pipeline.ts';
import { jsonSource } from '../orders/import/sources.ts';
import { checkRoutes } from '../../test/support/independent-checker.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';

const CHECK = { speedMps: 30 / 3.6, circuity: 1.3 };
const DIMS = ['kg', 'm3', 'parcels'];

/** Pickup and delivery orders end to end: import, plan (shipments), route, driver events. */
describe('pickup and delivery orders', () => {
  let t: PlanningTestApp;
  const today = todayIn('Europe/Paris');
  // The driver's events happen at 08:00 (or now, if earlier): a re-plan of the started route then
  // has the rest of the shift for PD-2 whatever the hour of the run (at 23:15 it had none). The
  // test shift starts at midnight, so the events are never before it (the server refuses device
  // times ahead of its clock, so they cannot be set later; a 00:30 start failed the run at 00:10).
  const onTheRoad = () => ({
    deviceAt: new Date(Math.min(Date.now(), localToUtc(today, '08:00', 'Europe/Paris').getTime())).toISOString(),
  });
  const sockets: Socket[] = [];
  let driverId: string;
  const idOf = async (ref: string) =>
    (await t.db.query<{ id: string }>('SELECT id FROM orders WHERE org_id = $1 AND ref = $2', [t.org.id, ref])).rows[0]
      ?.id;
  const statusOf = async (id: string) =>
    (await t.db.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [id])).rows[0]!.status;

  beforeAll(async () => {
    t = await startPlanningApp();
    driverId = (await vanWithShifts(t, [today])).driverId;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('imports pickup columns under French headers and names the row and column of each bad pickup', async () => {
    // Collected at Part-Dieu, Vaise or Gerland, delivered in the centre of Lyon.
    const csv = [
      "Référence;Nom;Latitude;Longitude;Date;Poids (kg);Adresse d'enlèvement;Latitude enlèvement;Longitude enlèvement;Début enlèvement;Fin enlèvement",
      `PD-1;Bellecour;45.7578;4.8320;${today};40;Entrepôt Part-Dieu;45.7606;4.8593;;`,
      // The pickup window spans the test shift (00:00–23:30): the re-plan of the started route
      // below plans from the current time, so a narrower window would close in the evening.
      `PD-2;Terreaux;45.7676;4.8344;${today};25;Vaise;45.7745;4.8055;00:00;23:30`,
      `PLAIN-1;Perrache;45.7485;4.8255;${today};10;;;;;`,
      `BAD-1;Nulle part;45.7600;4.8400;${today};5;Quai;45.7700;;;`,
      `BAD-2;Nulle part;45.7600;4.8400;${today};5;Gerland;45.7300;4.8300;14:00;09:00`,
      // An address alone is geocoded, but this server has no geocoder.
      `BAD-3;Nulle part;45.7600;4.8400;${today};5;Halles Paul Bocuse;;;;`,
      `BAD-4;Nulle part;45.7600;4.8400;${today};5;;;;09:00;10:00`,
    ].join('\n');
    const res = await fetch(`${t.baseUrl}/api/orders/import?partial=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.org.users.dispatcher.token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    // biome-ignore lint/suspicious/noExplicitAny: the import's JSON answer
    const body = (await res.json()) as any;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.created).toBe(3);
    expect(body.rejected).toBe(4);
    expect(body.columns.map((c: { field: string }) => c.field).slice(6)).toEqual([
      'pickup_address',
      'pickup_lat',
      'pickup_lon',
      'pickup_tw_start',
      'pickup_tw_end',
    ]);
    const errors = body.errors.map((e: { row: number; column: string; message: string }) => [
      e.row,
      e.column,
      e.message,
    ]);
    expect(errors).toEqual([
      [5, 'Longitude enlèvement', 'is missing while pickup_lat is given: give both or neither'],
      [6, 'Fin enlèvement', expect.stringMatching(/14:00.*09:00|09:00.*14:00/)],
      [7, "Adresse d'enlèvement", expect.stringMatching(/no geocoder is configured .*: add pickup_lat and pickup_lon/)],
      [
        8,
        "Adresse d'enlèvement",
        'is empty and there are no pickup_lat and pickup_lon: give the pickup an address or coordinates',
      ],
    ]);

    const pd2 = await t.call('GET', `/orders/${await idOf('PD-2')}`);
    expect(pd2.body.pickup).toEqual({
      address: 'Vaise',
      location: { type: 'Point', coordinates: [4.8055, 45.7745] },
      timeWindows: [{ start: '00:00', end: '23:30' }],
    });
    expect((await t.call('GET', `/orders/${await idOf('PLAIN-1')}`)).body.pickup).toBeNull();
  });

  it('geocodes a pickup address given without coordinates', async () => {
    const asked: string[] = [];
    const geocoder: Geocoder = {
      async geocode(address) {
        asked.push(address);
        return address.startsWith('Halles') ? { lon: 4.8505, lat: 45.7631, label: 'Halles Paul Bocuse, Lyon' } : null;
      },
    };
    const run = (ref: string, pickupAddress: string) =>
      runImport({ db: t.db, geocoder }, systemActor(t.org.id), {
        source: jsonSource([{ ref, lat: '45.7578', lon: '4.8320', date: today, pickup_address: pickupAddress }]),
        filename: 'api.json',
        partial: true,
        mapping: {},
      });
    const ok = await run('PD-G', 'Halles Paul Bocuse, Lyon');
    expect(ok.created).toBe(1);
    expect(asked).toEqual(['Halles Paul Bocuse, Lyon']); // the delivery has its coordinates
    const order = await t.call('GET', `/orders/${await idOf('PD-G')}`);
    expect(order.body.pickup.location.coordinates).toEqual([4.8505, 45.7631]);
    const unknown = await run('BAD-G', 'Nowhere at all');
    expect(unknown.errors).toEqual([
      expect.objectContaining({ row: 1, column: 'pickup_address', value: 'Nowhere at all' }),
    ]);
    // Not planned in the tests below: one day, one van.
    await t.db.query(`UPDATE orders SET status = 'cancelled' WHERE ref = 'PD-G'`);
  });

  it('takes pickup fields on POST /api/orders too, rejecting a bad one by its field', async () => {
    const r = await t.call('POST', '/orders', {
      orders: [
        {
          ref: 'PD-3',
          lat: 45.7505,
          lon: 4.8412,
          date: today,
          demand_kg: 30,
          pickup_address: 'Gerland',
          pickup_lat: 45.7296,
          pickup_lon: 4.8309,
        },
        { ref: 'BAD-4', lat: 45.75, lon: 4.84, date: today, pickup_lat: 95, pickup_lon: 4.83 },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.results[0]).toMatchObject({ ref: 'PD-3', status: 'created' });
    expect(r.body.results[1]).toMatchObject({
      ref: 'BAD-4',
      status: 'rejected',
      errors: [{ field: 'pickup_lat', value: '95', message: expect.stringMatching(/latitude/i) }],
    });
  });

  it('plans each pickup before its delivery on the same route, as the independent checker confirms', async () => {
    const plan = await t.call('POST', '/plans', { from: today, to: today, timeLimitS: 1 });
    expect(plan.status).toBe(202);
    const done = await t.waitForPlan(plan.body.planId);
    expect(done.status, done.error).toBe('done');
    expect(done.summary.assigned).toBe(4);
    expect(done.summary.unassigned).toBe(0);
    expect(await checkRoutes(t.db, t.org.id, CHECK, DIMS)).toEqual([]);

    const routes = (await t.call('GET', `/routes?date=${today}`)).body.routes;
    expect(routes).toHaveLength(1);
    const stops: { kind: string; ref: string; seq: number; address: string; location: { coordinates: number[] } }[] =
      routes[0].stops.filter((s: { kind: string }) => s.kind !== 'break');
    // Three pickup and delivery orders make six stops, the plain order one.
    expect(stops.map((s) => `${s.kind}:${s.ref}`).sort()).toEqual([
      'delivery:PD-1',
      'delivery:PD-2',
      'delivery:PD-3',
      'delivery:PLAIN-1',
      'pickup:PD-1',
      'pickup:PD-2',
      'pickup:PD-3',
    ]);
    for (const ref of ['PD-1', 'PD-2', 'PD-3']) {
      const p = stops.find((s) => s.ref === ref && s.kind === 'pickup')!;
      const d = stops.find((s) => s.ref === ref && s.kind === 'delivery')!;
      expect(p.seq, ref).toBeLessThan(d.seq);
    }
    // The pickup stop is at the pickup place.
    const p2 = stops.find((s) => s.ref === 'PD-2' && s.kind === 'pickup')!;
    expect(p2.address).toBe('Vaise');
    expect(p2.location.coordinates).toEqual([4.8055, 45.7745]);
    expect(await statusOf((await idOf('PD-1'))!)).toBe('planned');
    // The customer is told about the delivery stop, never the pickup.
    const pd1 = (await idOf('PD-1'))!;
    const [context] = await loadOrderContexts(t.db, [pd1]);
    const delivery = await t.db.query<{ id: string }>(
      `SELECT id FROM stops WHERE order_id = $1 AND kind = 'delivery'`,
      [pd1],
    );
    expect(context!.stopId).toBe(delivery.rows[0]!.id);
  });

  it('refuses to add a pickup and delivery order to a route by hand, saying to plan it', async () => {
    const id = (await idOf('PD-G'))!;
    await t.db.query(`UPDATE orders SET status = 'imported' WHERE id = $1`, [id]);
    try {
      const r = await t.call('POST', '/dispatch/insert', { date: today, orderIds: [id] });
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body.error.message).toBe(
        'Order PD-G is a pickup and delivery order: plan it, so that its pickup and its delivery go on one route together',
      );
    } finally {
      await t.db.query(`UPDATE orders SET status = 'cancelled' WHERE id = $1`, [id]);
    }
  });

  it('the independent checker refuses a delivery before its pickup', async () => {
    const id = (await idOf('PD-1'))!;
    const { rows } = await t.db.query<{ kind: string; seq: number; route_id: string }>(
      'SELECT kind, seq, route_id FROM stops WHERE order_id = $1',
      [id],
    );
    const p = rows.find((r) => r.kind === 'pickup')!;
    const d = rows.find((r) => r.kind === 'delivery')!;
    // Swap the two stops' kinds for a moment: the delivery now comes first.
    await t.db.query(
      `UPDATE stops SET kind = CASE kind WHEN 'pickup' THEN 'delivery' ELSE 'pickup' END WHERE order_id = $1`,
      [id],
    );
    try {
      const problems = await checkRoutes(t.db, t.org.id, CHECK, DIMS);
      expect(problems).toContain(`order PD-1: delivered (stop ${p.seq}) before its pickup (stop ${d.seq})`);
    } finally {
      await t.db.query(
        `UPDATE stops SET kind = CASE kind WHEN 'pickup' THEN 'delivery' ELSE 'pickup' END WHERE order_id = $1`,
        [id],
      );
    }
    expect(await checkRoutes(t.db, t.org.id, CHECK, DIMS)).toEqual([]);
  });

  it('moves the order to in_progress when the driver picks it up, and to delivered at its delivery', async () => {
    const published = await t.call('POST', '/dispatch/publish', { date: today });
    expect(published.status).toBe(200);
    const id = (await idOf('PD-1'))!;
    const plain = (await idOf('PLAIN-1'))!;
    const stopIds = (
      await t.db.query<{ kind: string; id: string }>('SELECT kind, id FROM stops WHERE order_id = $1', [id])
    ).rows.reduce<Record<string, string>>((a, r) => Object.assign(a, { [r.kind]: r.id }), {});

    const { socket } = await driverSocket(t, driverId, sockets);
    const arrived = await stopEvent(socket, stopIds.pickup!, 'arrived', onTheRoad());
    expect(arrived.ok, JSON.stringify(arrived)).toBe(true);
    // The route started: the plain order is on the road, the pickup order waits for its pickup.
    expect(await statusOf(plain)).toBe('in_progress');
    expect(await statusOf(id)).toBe('dispatched');

    expect((await stopEvent(socket, stopIds.pickup!, 'delivered', onTheRoad())).ok).toBe(true);
    expect(await statusOf(id)).toBe('in_progress');
    // Picking up is no delivery attempt.
    expect((await t.db.query('SELECT 1 FROM attempts WHERE order_id = $1', [id])).rows).toHaveLength(0);

    // Planned again while on the road: the pickup made stays, the delivery stays on this van, after it.
    const again = await t.call('POST', '/plans', { from: today, to: today, timeLimitS: 0.5 });
    expect(again.status).toBe(202);
    expect((await t.waitForPlan(again.body.planId)).status).toBe('done');
    const after = await t.db.query<{ kind: string; status: string; route_id: string; seq: number; id: string }>(
      'SELECT kind, status, route_id, seq, id FROM stops WHERE order_id = $1 ORDER BY seq',
      [id],
    );
    expect(after.rows.map((r) => `${r.kind}:${r.status}`)).toEqual(['pickup:delivered', 'delivery:pending']);
    expect(after.rows[0]!.route_id).toBe(after.rows[1]!.route_id);
    expect(await checkRoutes(t.db, t.org.id, CHECK, DIMS)).toEqual([]);
    expect(await statusOf(id)).toBe('in_progress');
    stopIds.delivery = after.rows[1]!.id;

    expect((await stopEvent(socket, stopIds.delivery!, 'delivered')).ok).toBe(true);
    expect(await statusOf(id)).toBe('delivered');
    const trail = await t.db.query<{ from: string; to: string; cause: string }>(
      `SELECT details->>'from' AS from, details->>'to' AS to, details->>'cause' AS cause FROM events
        WHERE entity = 'order' AND entity_id = $1 AND action = 'order.status' ORDER BY id`,
      [id],
    );
    expect(trail.rows).toEqual([
      { from: 'imported', to: 'planned', cause: 'plan' },
      { from: 'planned', to: 'dispatched', cause: 'publish' },
      { from: 'dispatched', to: 'in_progress', cause: 'stop_event' },
      { from: 'in_progress', to: 'delivered', cause: 'stop_event' },
    ]);
  });

  it('a failed pickup fails the order and skips its delivery stop', async () => {
    const id = (await idOf('PD-2'))!;
    const stopIds = (
      await t.db.query<{ kind: string; id: string }>('SELECT kind, id FROM stops WHERE order_id = $1', [id])
    ).rows.reduce<Record<string, string>>((a, r) => Object.assign(a, { [r.kind]: r.id }), {});
    expect(Object.keys(stopIds).sort(), 'PD-2 is planned with both its stops').toEqual(['delivery', 'pickup']);
    const { socket } = await driverSocket(t, driverId, sockets);
    const failed = await stopEvent(socket, stopIds.pickup!, 'failed', { reason: 'no_access' });
    expect(failed.ok, JSON.stringify(failed)).toBe(true);
    expect(await statusOf(id)).toBe('failed');
    const delivery = await t.db.query<{ status: string }>('SELECT status FROM stops WHERE id = $1', [stopIds.delivery]);
    expect(delivery.rows[0]!.status).toBe('skipped');
  });
});
