/**
 * The alerts inbox on the real app and PostgreSQL: a driver's phone over `/driver`, a dispatcher
 * over `/dispatch` (day room), the sweep driven with its own clock (no waiting).
 */
import { randomUUID } from 'node:crypto';
import { type Alert, DEFAULT_ALERTS } from '@tournee/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { type SeededDay, seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import { createAlerts } from './service.ts';

// The route line runs east along 45.76° N; 700 m north of it is 45.76 + 700 / 111 195 degrees.
const LAT = 45.76;
const OFF_LAT = LAT + 700 / 111_195;

/** Europe/Paris's UTC offset on a date, as `+01:00` or `+02:00`. */
const offsetOf = (date: string) => {
  const name = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((p) => p.type === 'timeZoneName')!.value;
  return name.replace('GMT', '') || '+00:00';
};

describe('alerts inbox', () => {
  let t: PlanningTestApp;
  let anne: SeededDay;
  let phone: Socket;
  let dispatcher: Socket;
  const seen: { event: string; alert: Alert }[] = [];
  // Fixes 20 s apart (a 700 m jump in less would be dropped as too fast at 200 km/h), all in the
  // last few minutes: every process sweeping this shared database (other test files' apps too) uses
  // the real clock, and a last fix older than 5 minutes would open stale_gps behind the test's back.
  const STEP_MS = 20_000;
  let clock = Date.now() - 11 * STEP_MS;
  const sockets: Socket[] = [];
  const of = (event: string, type: string) => seen.filter((s) => s.event === event && s.alert.type === type);
  // Late risk depends on the hour the test runs (live ETAs against the seeded 09:00–12:00 windows).
  const types = (items: Alert[]) => items.map((a) => a.type).filter((x) => x !== 'late_risk');

  const sendFix = async (lon: number, lat: number) => {
    clock += STEP_MS;
    const ack = await phone.emitWithAck('positions', {
      points: [{ id: randomUUID(), deviceAt: new Date(clock).toISOString(), coordinates: [lon, lat], accuracyM: 8 }],
    });
    expect(ack.data.accepted).toHaveLength(1);
  };
  const stopEvent = (e: Record<string, unknown>) =>
    phone.emitWithAck('stop:event', { id: randomUUID(), deviceAt: new Date(Date.now() - 1000).toISOString(), ...e });

  beforeAll(async () => {
    t = await startPlanningApp();
    anne = await seedDriverDay(t.db, t.org.id, { name: 'Anne' });
    // The planned route line, and a shift that lasts past this test whatever the hour.
    await t.db.query(
      `UPDATE routes SET geometry = ST_GeogFromText('SRID=4326;LINESTRING(4.82 ${LAT}, 4.86 ${LAT})'),
              end_at = now() + interval '8 hours' WHERE id = $1`,
      [anne.routeId],
    );
    const access = await t.call('POST', `/drivers/${anne.driverId}/access`, {});
    phone = connect(`${t.baseUrl}/driver`, {
      auth: { token: access.body.token },
      transports: ['websocket'],
      forceNew: true,
    });
    sockets.push(phone);
    dispatcher = t.socket('dispatcher');
    await Promise.all([phone, dispatcher].map((s) => new Promise<void>((resolve) => s.on('connect', () => resolve()))));
    await dispatcher.emitWithAck('day:join', anne.localDate);
    for (const event of ['alert:new', 'alert:acknowledged', 'alert:resolved'])
      dispatcher.on(event, (alert: Alert) => seen.push({ event, alert }));
    const started = await stopEvent({ stopId: anne.stopIds[0], type: 'started' });
    expect(started.ok).toBe(true);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('opens exactly one off_route after 3 fixes 700 m off the line, and resolves it on return', async () => {
    await sendFix(4.83, LAT);
    await sendFix(4.831, OFF_LAT);
    await sendFix(4.832, OFF_LAT);
    expect(of('alert:new', 'off_route')).toHaveLength(0);
    await sendFix(4.833, OFF_LAT);
    await expect.poll(() => of('alert:new', 'off_route').length).toBe(1);
    const opened = of('alert:new', 'off_route')[0]!.alert;
    expect(opened).toMatchObject({
      status: 'open',
      routeId: anne.routeId,
      driverId: anne.driverId,
      localDate: anne.localDate,
    });
    expect(opened.details.distanceM).toBeGreaterThan(690);
    expect(opened.details.distanceM).toBeLessThan(710);

    // Still off: no second alert for the same route.
    await sendFix(4.834, OFF_LAT);
    await sendFix(4.835, OFF_LAT);
    await t.app.bus.drain();
    await t.app.alerts.drain();
    expect(of('alert:new', 'off_route')).toHaveLength(1);

    await sendFix(4.836, LAT + 0.0005);
    await expect.poll(() => of('alert:resolved', 'off_route').length).toBe(1);
    expect(of('alert:resolved', 'off_route')[0]!.alert).toMatchObject({ id: opened.id, status: 'resolved' });
    const rows = await t.db.query<{ status: string }>(
      `SELECT status FROM alerts WHERE type = 'off_route' AND route_id = $1`,
      [anne.routeId],
    );
    expect(rows.rows).toEqual([{ status: 'resolved' }]);
  });

  it('opens stale_gps when a started route sent no fix for 5 minutes, and resolves it when a fix arrives', async () => {
    // Just under the threshold: nothing.
    await t.app.alerts.sweep(clock + 4 * 60_000);
    await t.app.alerts.drain();
    expect(of('alert:new', 'stale_gps')).toHaveLength(0);
    await t.app.alerts.sweep(clock + 5 * 60_000 + 1000);
    await expect.poll(() => of('alert:new', 'stale_gps').length).toBe(1);
    expect(of('alert:new', 'stale_gps')[0]!.alert).toMatchObject({ routeId: anne.routeId, driverId: anne.driverId });
    // Swept again while still silent: still one.
    await t.app.alerts.sweep(clock + 6 * 60_000);
    await t.app.alerts.drain();
    expect(of('alert:new', 'stale_gps')).toHaveLength(1);

    await sendFix(4.837, LAT);
    await expect.poll(() => of('alert:resolved', 'stale_gps').length).toBe(1);
  });

  it('two processes detecting the same silence at once open one alert, announced once', async () => {
    const announced: Alert[] = [];
    const log = createLogger('silent');
    const a = createAlerts({ db: t.db, log, publish: (_o, ev, x) => ev === 'alert:new' && announced.push(x) });
    const b = createAlerts({ db: t.db, log, publish: (_o, ev, x) => ev === 'alert:new' && announced.push(x) });
    const later = clock + 10 * 60_000;
    await Promise.all([a.sweep(later), b.sweep(later)]);
    await Promise.all([a.drain(), b.drain()]);
    // Both sweep every organisation in the shared test database: count this route's only.
    expect(announced.filter((x) => x.type === 'stale_gps' && x.routeId === anne.routeId)).toHaveLength(1);
    const open = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM alerts WHERE type = 'stale_gps' AND route_id = $1 AND status <> 'resolved'`,
      [anne.routeId],
    );
    expect(open.rows[0]!.n).toBe(1);
    // The app's process did not open this one: its next sweep sees the fresh fix and resolves it.
    await sendFix(4.838, LAT);
    await t.app.alerts.sweep();
    await expect.poll(() => of('alert:resolved', 'stale_gps').length).toBe(2);
  });

  it('opens failed_delivery for a failed stop; dispatchers list and acknowledge it', async () => {
    const failed = await stopEvent({ stopId: anne.stopIds[1], type: 'failed', reason: 'absent' });
    expect(failed.ok).toBe(true);
    await expect.poll(() => of('alert:new', 'failed_delivery').length).toBe(1);
    const alert = of('alert:new', 'failed_delivery')[0]!.alert;
    expect(alert).toMatchObject({ stopId: anne.stopIds[1], orderId: anne.orderIds[1], details: { reason: 'absent' } });

    const list = await t.call('GET', `/alerts?date=${anne.localDate}`);
    expect(list.status).toBe(200);
    expect(types(list.body.items)).toEqual(['failed_delivery']);
    const all = await t.call('GET', `/alerts?date=${anne.localDate}&status=open,acknowledged,resolved`);
    expect(types(all.body.items).sort()).toEqual(['failed_delivery', 'off_route', 'stale_gps', 'stale_gps']);
    expect((await t.call('GET', '/alerts?date=2026-02-30')).body.error.message).toMatch(/date/);
    expect((await t.call('GET', `/alerts?date=${anne.localDate}&status=closed`)).status).toBe(400);
    expect((await t.call('GET', `/alerts?date=${anne.localDate}`, undefined, 'driver')).status).toBe(403);

    expect((await t.call('POST', `/alerts/${alert.id}/ack`, undefined, 'driver')).status).toBe(403);
    const ack = await t.call('POST', `/alerts/${alert.id}/ack`);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ id: alert.id, status: 'acknowledged', acknowledgedBy: t.org.users.dispatcher.id });
    await expect.poll(() => of('alert:acknowledged', 'failed_delivery').length).toBe(1);
    expect((await t.call('POST', `/alerts/${alert.id}/ack`)).body.status).toBe('acknowledged');
    expect((await t.call('POST', `/alerts/${randomUUID()}/ack`)).status).toBe(404);
    const audit = await t.db.query(
      `SELECT 1 FROM events WHERE entity = 'alert' AND entity_id = $1 AND action = 'acknowledge'`,
      [alert.id],
    );
    expect(audit.rows).toHaveLength(1);

    // The driver corrects the visit to delivered: the failure is over.
    await stopEvent({ stopId: anne.stopIds[1], type: 'delivered', recipientName: 'M. Martin' });
    await expect.poll(() => of('alert:resolved', 'failed_delivery').length).toBe(1);
    const resolved = of('alert:resolved', 'failed_delivery')[0]!.alert;
    expect((await t.call('POST', `/alerts/${resolved.id}/ack`)).status).toBe(409);
  });

  it('opens route_not_started 15 minutes after the shift start, resolved once the route starts', async () => {
    const bruno = await seedDriverDay(t.db, t.org.id, { name: 'Bruno' });
    await t.db.query(`UPDATE routes SET start_at = $2, end_at = now() + interval '8 hours' WHERE id = $1`, [
      bruno.routeId,
      new Date(Date.now() - 10 * 60_000),
    ]);
    await t.app.alerts.sweep(Date.now());
    await t.app.alerts.drain();
    expect(of('alert:new', 'route_not_started')).toHaveLength(0);
    await t.app.alerts.sweep(Date.now() + 6 * 60_000);
    await expect.poll(() => of('alert:new', 'route_not_started').length).toBe(1);
    expect(of('alert:new', 'route_not_started')[0]!.alert.routeId).toBe(bruno.routeId);
    await t.db.query(`UPDATE routes SET status = 'in_progress', started_at = now() WHERE id = $1`, [bruno.routeId]);
    await t.app.alerts.sweep(Date.now() + 7 * 60_000);
    await expect.poll(() => of('alert:resolved', 'route_not_started').length).toBe(1);
  });

  it('opens late_risk when the live ETA passes the window end by more than 10 minutes, resolved when back', async () => {
    const carla = await seedDriverDay(t.db, t.org.id, { name: 'Carla' });
    const announced: { ev: string; alert: Alert }[] = [];
    const alerts = createAlerts({
      db: t.db,
      log: createLogger('silent'),
      publish: (_o, ev, alert) => announced.push({ ev, alert }),
    });
    // The seeded stops are booked 09:00–12:00, Paris time.
    const windowEnd = Date.parse(`${carla.localDate}T12:00:00${offsetOf(carla.localDate)}`);
    const etas = (lateMin: number) => ({
      routeId: carla.routeId,
      localDate: carla.localDate,
      stale: false,
      etas: [{ stopId: carla.stopIds[2]!, at: windowEnd + lateMin * 60_000 }],
    });
    alerts.onEtas(t.org.id, etas(10));
    await alerts.drain();
    expect(announced).toHaveLength(0);
    alerts.onEtas(t.org.id, { ...etas(40), stale: true });
    await alerts.drain();
    expect(announced).toHaveLength(0);
    alerts.onEtas(t.org.id, etas(11));
    await alerts.drain();
    expect(announced).toMatchObject([
      { ev: 'alert:new', alert: { type: 'late_risk', stopId: carla.stopIds[2], orderId: carla.orderIds[2] } },
    ]);
    expect(announced[0]!.alert.details).toMatchObject({ lateMin: 11, windowEndAt: new Date(windowEnd).toISOString() });
    alerts.onEtas(t.org.id, etas(12));
    await alerts.drain();
    expect(announced).toHaveLength(1);
    alerts.onEtas(t.org.id, etas(-5));
    await alerts.drain();
    expect(announced.map((a) => a.ev)).toEqual(['alert:new', 'alert:resolved']);
  });

  it("takes its thresholds from the organisation's settings", async () => {
    const bad = await t.call('PATCH', '/organisation', { alerts: { ...DEFAULT_ALERTS, offRouteM: 10 } }, 'admin');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/alerts\.offRouteM/);
    const ok = await t.call('PATCH', '/organisation', { alerts: { ...DEFAULT_ALERTS, staleGpsMin: 20 } }, 'admin');
    expect(ok.status).toBe(200);
    expect((await t.call('GET', '/organisation')).body.alerts).toEqual({ ...DEFAULT_ALERTS, staleGpsMin: 20 });
    // Anne's route only: Bruno's (started in an earlier test, without fixes) ages too.
    const annes = () => of('alert:new', 'stale_gps').filter((s) => s.alert.routeId === anne.routeId).length;
    const before = annes();
    await t.app.alerts.sweep(clock + 10 * 60_000);
    await t.app.alerts.drain();
    expect(annes()).toBe(before);
    await t.app.alerts.sweep(clock + 21 * 60_000);
    await expect.poll(annes).toBe(before + 1);
  });

  it('opens message_failed for an outbox message marked failed, resolved once it is resent', async () => {
    const n = await t.db.query<{ id: string }>(
      `INSERT INTO notifications (org_id, order_id, channel, trigger, idempotency_key, recipient, body, status, last_error)
       VALUES ($1, $2, 'sms', 'published', $3, '+33612345678', 'Bonjour', 'failed', 'provider refused') RETURNING id`,
      [t.org.id, anne.orderIds[2], randomUUID()],
    );
    t.app.alerts.onMessageFailed(t.org.id, { notificationId: n.rows[0]!.id });
    await expect.poll(() => of('alert:new', 'message_failed').length).toBe(1);
    expect(of('alert:new', 'message_failed')[0]!.alert).toMatchObject({
      orderId: anne.orderIds[2],
      localDate: anne.localDate,
      details: { notificationId: n.rows[0]!.id, channel: 'sms', error: 'provider refused' },
    });
    await t.db.query(`UPDATE notifications SET status = 'pending' WHERE id = $1`, [n.rows[0]!.id]);
    await t.app.alerts.sweep();
    await expect.poll(() => of('alert:resolved', 'message_failed').length).toBe(1);
  });
});
