/**
 * Delivery codes on the real app and PostgreSQL: an order requiring `code` has its code in the
 * customer's messages and tracking view, never in the driver's day; a `delivered` event is
 * refused (422 naming deliveryCode, nothing stored) without the right code, each wrong code is
 * audited, and after 5 the stop is locked until a dispatcher unlocks it.
 */
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveredWithoutProof } from '../alerts/sources-repo.ts';
import { buildTrackView } from '../links/view.ts';
import { loadOrderContexts } from '../notify/context-repo.ts';
import { renderMessage } from '../notify/templates.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { type SeededDay, seedDriverDay } from '../../test/support/seeded-driver-day.ts';

describe('delivery codes', () => {
  let t: PlanningTestApp;
  let day: SeededDay;
  let token: string;
  let phone: Socket;
  let code: string;
  const send = (e: Record<string, unknown>) =>
    phone.emitWithAck('stop:event', { id: randomUUID(), deviceAt: new Date().toISOString(), ...e });
  const stopStatus = async (stopId: string) =>
    (await t.db.query<{ status: string }>('SELECT status FROM stops WHERE id = $1', [stopId])).rows[0]!.status;
  const wrongOf = (c: string) => String((Number(c) + 1) % 10000).padStart(4, '0');

  beforeAll(async () => {
    t = await startPlanningApp();
    day = await seedDriverDay(t.db, t.org.id, { name: 'Rachid' });
    // (The import and PATCH taking 'code' are in orders/require-proof.test.ts; this order is planned.)
    await t.db.query(`UPDATE orders SET require_proof = '{code}' WHERE id = $1`, [day.orderIds[0]]);
    await t.db.query(`UPDATE orders SET require_proof = '{photo,code}' WHERE id = $1`, [day.orderIds[1]]);
    code = (
      await t.db.query<{ delivery_code: string }>('SELECT delivery_code FROM orders WHERE id = $1', [day.orderIds[0]])
    ).rows[0]!.delivery_code;
    expect(code).toMatch(/^[0-9]{4}$/);
    token = (await t.call('POST', `/drivers/${day.driverId}/access`, {})).body.token;
    phone = connect(`${t.baseUrl}/driver`, { auth: { token }, transports: ['websocket'], forceNew: true });
    await new Promise<void>((resolve) => phone.on('connect', () => resolve()));
    expect((await send({ stopId: day.stopIds[0], type: 'started' })).ok).toBe(true);
  });
  afterAll(async () => {
    phone.disconnect();
    await t.close();
  });

  it("tells the driver's day that a code is needed, never the code", async () => {
    const res = await fetch(`${t.baseUrl}/api/driver/routes/today?date=${day.localDate}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    const body = JSON.parse(text) as {
      route: { stops: { id: string; requireProof?: string[]; requireCode?: true }[] };
    };
    const [first, second, third] = day.stopIds.map((id) => body.route.stops.find((s) => s.id === id));
    expect(first).toMatchObject({ requireCode: true });
    expect(first?.requireProof).toBeUndefined();
    expect(second).toMatchObject({ requireCode: true, requireProof: ['photo'] });
    expect(third?.requireCode).toBeUndefined();
    expect(text).not.toContain(`"${code}"`);
    expect(text).not.toMatch(/deliveryCode|delivery_code/);
  });

  it("puts the code in the customer's messages and tracking view only when the order requires it", async () => {
    const [withCode, without] = await Promise.all([
      loadOrderContexts(t.db, [day.orderIds[0]!]),
      loadOrderContexts(t.db, [day.orderIds[2]!]),
    ]);
    expect(withCode[0]!.deliveryCode).toBe(code);
    expect(without[0]!.deliveryCode).toBeNull();
    const vars = { name: 'Chloé', orgName: 'Tournée', timeZone: 'Europe/Paris', link: 'https://x/t/abc', eta: 0 };
    const fr = renderMessage('next', 'fr-FR', { ...vars, deliveryCode: withCode[0]!.deliveryCode });
    expect(fr.sms).toContain(`Code de livraison : ${code}`);
    expect(fr.html).toContain(`Code de livraison : ${code}`);
    expect(renderMessage('started', 'en', { ...vars, deliveryCode: code }).text).toContain(`Delivery code: ${code}`);
    expect(renderMessage('next', 'fr', { ...vars, deliveryCode: null }).sms).not.toMatch(/Code de livraison/);
    // After delivery the code is of no use: not repeated.
    expect(renderMessage('delivered', 'fr', { ...vars, deliveryCode: code }).sms).not.toContain(code);
    expect((await buildTrackView(t.db, day.orderIds[0]!))?.deliveryCode).toBe(code);
    expect((await buildTrackView(t.db, day.orderIds[2]!))?.deliveryCode).toBeNull();
  });

  it('refuses a delivery without the code or with a wrong one, storing nothing and auditing the attempt', async () => {
    const missingId = randomUUID();
    const missing = await phone.emitWithAck('stop:event', {
      id: missingId,
      stopId: day.stopIds[0],
      type: 'delivered',
      deviceAt: new Date().toISOString(),
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
    expect(missing.error.message).toMatch(/^deliveryCode: .*requires the code/);
    const wrong = await send({ stopId: day.stopIds[0], type: 'delivered', deliveryCode: wrongOf(code) });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
    expect(wrong.error.message).toMatch(/^deliveryCode: wrong delivery code; 3 tries left/);
    expect(await stopStatus(day.stopIds[0]!)).not.toBe('delivered');
    expect((await t.db.query('SELECT 1 FROM stop_events WHERE id = $1', [missingId])).rows).toHaveLength(0);
    const audit = await t.db.query<{ details: { failures: number; missing: boolean } }>(
      `SELECT details FROM events WHERE action = 'stop.delivery_code_refused' AND entity_id = $1 ORDER BY id`,
      [day.stopIds[0]],
    );
    expect(audit.rows.map((r) => r.details)).toMatchObject([
      { failures: 1, missing: true },
      { failures: 2, missing: false },
    ]);
  });

  it('accepts the right code', async () => {
    expect((await send({ stopId: day.stopIds[0], type: 'delivered', deliveryCode: code })).ok).toBe(true);
    expect(await stopStatus(day.stopIds[0]!)).toBe('delivered');
    // A code is typed, not a file: the pod_missing alert does not wait for one.
    const waiting = await deliveredWithoutProof(t.db, new Date());
    expect(waiting.filter((w) => w.stop_id === day.stopIds[0])).toEqual([]);
    // A stop requiring nothing still needs no code.
    expect((await send({ stopId: day.stopIds[2], type: 'delivered' })).ok).toBe(true);
    expect(await stopStatus(day.stopIds[2]!)).toBe('delivered');
  });

  it('locks the stop after 5 wrong codes, even against the right one, until a dispatcher unlocks it', async () => {
    const stop = day.stopIds[1]!;
    const right = (
      await t.db.query<{ delivery_code: string }>('SELECT delivery_code FROM orders WHERE id = $1', [day.orderIds[1]])
    ).rows[0]!.delivery_code;
    for (let i = 0; i < 5; i++) {
      const ack = await send({ stopId: stop, type: 'delivered', proofs: ['photo'], deliveryCode: wrongOf(right) });
      expect(ack.ok).toBe(false);
    }
    const locked = await send({ stopId: stop, type: 'delivered', proofs: ['photo'], deliveryCode: right });
    expect(locked.ok).toBe(false);
    expect(locked.error.message).toMatch(/^deliveryCode: too many wrong delivery codes.*dispatcher/);
    expect(await stopStatus(stop)).not.toBe('delivered');
    // The order's page tells the dispatcher the code and the locked stop.
    const detail = await t.call('GET', `/orders/${day.orderIds[1]}`);
    expect(detail.body.deliveryCode).toEqual({ code: right, lockedStopIds: [stop] });

    expect((await t.call('POST', `/stops/${stop}/delivery-code/unlock`, {}, 'driver')).status).toBe(403);
    const unlocked = await t.call('POST', `/stops/${stop}/delivery-code/unlock`, {});
    expect(unlocked.status).toBe(200);
    const audit = await t.db.query(
      `SELECT 1 FROM events WHERE action = 'stop.delivery_code_unlocked' AND entity_id = $1`,
      [stop],
    );
    expect(audit.rows).toHaveLength(1);
    expect((await t.call('GET', `/orders/${day.orderIds[1]}`)).body.deliveryCode.lockedStopIds).toEqual([]);
    expect((await t.call('GET', `/orders/${day.orderIds[2]}`)).body.deliveryCode).toBeNull();
    expect((await send({ stopId: stop, type: 'delivered', proofs: ['photo'], deliveryCode: right })).ok).toBe(true);
    expect(await stopStatus(stop)).toBe('delivered');
  });
});
