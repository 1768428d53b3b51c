/**
 * Required proof on the real app and PostgreSQL: a `delivered` event for an order requiring a
 * photo is refused over the driver's socket unless it announces the photo, and nothing of the
 * refused event is stored; the driver's day lists what each stop requires.
 */
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { type SeededDay, seedDriverDay } from '../../test/support/seeded-driver-day.ts';

describe('required proof of delivery', () => {
  let t: PlanningTestApp;
  let day: SeededDay;
  let token: string;
  let phone: Socket;
  const send = (e: Record<string, unknown>) =>
    phone.emitWithAck('stop:event', { id: randomUUID(), deviceAt: new Date().toISOString(), ...e });
  const stopStatus = async (stopId: string) =>
    (await t.db.query<{ status: string }>('SELECT status FROM stops WHERE id = $1', [stopId])).rows[0]!.status;

  beforeAll(async () => {
    t = await startPlanningApp();
    day = await seedDriverDay(t.db, t.org.id, { name: 'Rachid' });
    await t.db.query(`UPDATE orders SET require_proof = '{photo}' WHERE id = $1`, [day.orderIds[0]]);
    token = (await t.call('POST', `/drivers/${day.driverId}/access`, {})).body.token;
    phone = connect(`${t.baseUrl}/driver`, { auth: { token }, transports: ['websocket'], forceNew: true });
    await new Promise<void>((resolve) => phone.on('connect', () => resolve()));
    expect((await send({ stopId: day.stopIds[0], type: 'started' })).ok).toBe(true);
  });
  afterAll(async () => {
    phone.disconnect();
    await t.close();
  });

  it("lists the stop's required proof in the driver's day", async () => {
    const res = await fetch(`${t.baseUrl}/api/driver/routes/today?date=${day.localDate}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { route: { stops: { id: string; requireProof?: string[] }[] } };
    expect(body.route.stops.find((s) => s.id === day.stopIds[0])?.requireProof).toEqual(['photo']);
    expect(body.route.stops.find((s) => s.id === day.stopIds[1])?.requireProof).toBeUndefined();
  });

  it('refuses a delivered event without the required photo, and stores nothing of it', async () => {
    const id = randomUUID();
    const ack = await phone.emitWithAck('stop:event', {
      id,
      stopId: day.stopIds[0],
      type: 'delivered',
      deviceAt: new Date().toISOString(),
      proofs: ['signature'],
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
    expect(ack.error.message).toMatch(/requires a photo/);
    expect(await stopStatus(day.stopIds[0]!)).not.toBe('delivered');
    const stored = await t.db.query('SELECT 1 FROM stop_events WHERE id = $1', [id]);
    expect(stored.rows).toHaveLength(0);
  });

  it('accepts the delivery once it announces the photo, and a stop requiring nothing without any', async () => {
    expect((await send({ stopId: day.stopIds[0], type: 'delivered', proofs: ['photo'] })).ok).toBe(true);
    expect(await stopStatus(day.stopIds[0]!)).toBe('delivered');
    expect((await send({ stopId: day.stopIds[1], type: 'delivered' })).ok).toBe(true);
    expect(await stopStatus(day.stopIds[1]!)).toBe('delivered');
  });
});
