/**
 * `pod_missing` on the real app and PostgreSQL: a stop delivered over the driver's socket whose
 * order requires a photo, the sweep driven with its own clock past the grace period, and the
 * photo uploaded over HTTP as the phone's outbox sends it.
 */
import { randomUUID } from 'node:crypto';
import { type Alert, DEFAULT_ALERTS } from '@tournee/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { type SeededDay, seedDriverDay } from '../../test/support/seeded-driver-day.ts';

const MIN = 60_000;
// A JPEG's signature (the server checks the bytes are the type declared), then anything.
const JPEG = Buffer.from('\xff\xd8\xff\xe0 fake jpeg', 'latin1').toString('base64');

describe('pod_missing alert', () => {
  let t: PlanningTestApp;
  let day: SeededDay;
  let token: string;
  let phone: Socket;
  let dispatcher: Socket;
  const seen: { event: string; alert: Alert }[] = [];
  const of = (event: string) => seen.filter((s) => s.event === event && s.alert.type === 'pod_missing');

  const stopEvent = async (e: Record<string, unknown>) => {
    const id = randomUUID();
    const ack = await phone.emitWithAck('stop:event', { id, deviceAt: new Date().toISOString(), ...e });
    expect(ack.ok).toBe(true);
    return id;
  };
  const upload = async (stopId: string, eventId: string, kind: string) => {
    const res = await fetch(`${t.baseUrl}/api/driver/stops/${stopId}/proof`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ eventId, kind, contentType: 'image/jpeg', data: JPEG }),
    });
    expect(res.status).toBe(201);
  };
  const sweepAt = async (at: number) => {
    await t.app.alerts.sweep(at);
    await t.app.alerts.drain();
  };
  const requireProof = (orderId: string, kinds: string[]) =>
    t.db.query('UPDATE orders SET require_proof = $2 WHERE id = $1', [orderId, kinds]);

  beforeAll(async () => {
    t = await startPlanningApp();
    day = await seedDriverDay(t.db, t.org.id, { name: 'Pauline' });
    await requireProof(day.orderIds[0]!, ['photo']);
    await requireProof(day.orderIds[1]!, ['photo']);
    token = (await t.call('POST', `/drivers/${day.driverId}/access`, {})).body.token;
    phone = connect(`${t.baseUrl}/driver`, { auth: { token }, transports: ['websocket'], forceNew: true });
    dispatcher = t.socket('dispatcher');
    await Promise.all([phone, dispatcher].map((s) => new Promise<void>((resolve) => s.on('connect', () => resolve()))));
    await dispatcher.emitWithAck('day:join', day.localDate);
    for (const event of ['alert:new', 'alert:resolved'])
      dispatcher.on(event, (alert: Alert) => seen.push({ event, alert }));
    await stopEvent({ stopId: day.stopIds[0], type: 'started' });
  });
  afterAll(async () => {
    phone.disconnect();
    await t.close();
  });

  it('opens exactly one pod_missing for a stop delivered without its photo after 2 minutes, resolved once the photo arrives', async () => {
    const delivered = await stopEvent({
      stopId: day.stopIds[0],
      type: 'delivered',
      recipientName: 'M. Roux',
      proofs: ['photo'],
    });
    // The other stop's photo follows its event in time: no alert for it.
    const withPhoto = await stopEvent({
      stopId: day.stopIds[1],
      type: 'delivered',
      recipientName: 'Mme Blanc',
      proofs: ['photo'],
    });
    await upload(day.stopIds[1]!, withPhoto, 'photo');
    const at = Date.now();

    await sweepAt(at + 1.5 * MIN);
    expect(of('alert:new')).toHaveLength(0);

    await sweepAt(at + 2 * MIN + 5000);
    await expect.poll(() => of('alert:new').length).toBe(1);
    expect(of('alert:new')[0]!.alert).toMatchObject({
      status: 'open',
      stopId: day.stopIds[0],
      orderId: day.orderIds[0],
      routeId: day.routeId,
      driverId: day.driverId,
      localDate: day.localDate,
      details: { missing: ['photo'] },
    });
    // Swept again (this process, then a fresh view of the database): still one.
    await sweepAt(at + 3 * MIN);
    await sweepAt(at + 4 * MIN);
    expect(of('alert:new')).toHaveLength(1);
    const listed = await t.call('GET', `/alerts?date=${day.localDate}`);
    expect(listed.body.items.filter((a: Alert) => a.type === 'pod_missing')).toHaveLength(1);

    await upload(day.stopIds[0]!, delivered, 'photo');
    await sweepAt(at + 4.5 * MIN);
    await expect.poll(() => of('alert:resolved').length).toBe(1);
    expect(of('alert:resolved')[0]!.alert).toMatchObject({ id: of('alert:new')[0]!.alert.id, status: 'resolved' });
  });

  it("waits the organisation's podGraceMin, and resolves when the stop is no longer delivered", async () => {
    // A client written before podGraceMin existed still saves its thresholds; the default is 2.
    const { podGraceMin: _, ...older } = DEFAULT_ALERTS;
    expect((await t.call('PATCH', '/organisation', { alerts: older }, 'admin')).status).toBe(200);
    expect((await t.call('GET', '/organisation')).body.alerts.podGraceMin).toBe(2);
    const bad = await t.call('PATCH', '/organisation', { alerts: { ...DEFAULT_ALERTS, podGraceMin: 0 } }, 'admin');
    expect(bad.body.error.message).toMatch(/alerts\.podGraceMin/);
    const ok = await t.call('PATCH', '/organisation', { alerts: { ...DEFAULT_ALERTS, podGraceMin: 10 } }, 'admin');
    expect(ok.status).toBe(200);

    await requireProof(day.orderIds[2]!, ['photo', 'signature']);
    const delivered = await stopEvent({
      stopId: day.stopIds[2],
      type: 'delivered',
      recipientName: 'M. Petit',
      proofs: ['photo', 'signature'],
    });
    await upload(day.stopIds[2]!, delivered, 'photo');
    const at = Date.now();
    await sweepAt(at + 5 * MIN);
    expect(of('alert:new')).toHaveLength(1);
    await sweepAt(at + 10 * MIN + 5000);
    await expect.poll(() => of('alert:new').length).toBe(2);
    expect(of('alert:new')[1]!.alert).toMatchObject({ stopId: day.stopIds[2], details: { missing: ['signature'] } });

    // The driver corrects the visit to failed: no delivery, nothing to prove.
    await stopEvent({ stopId: day.stopIds[2], type: 'failed', reason: 'absent' });
    await sweepAt(at + 11 * MIN);
    await expect.poll(() => of('alert:resolved').length).toBe(2);
  });
});
