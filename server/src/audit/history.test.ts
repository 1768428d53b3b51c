import { randomUUID } from 'node:crypto';
import { type HistoryEntry, todayIn } from '@tournee/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLink } from '../links/links.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { driverSocket, vanWithShifts } from '../../test/driver-day.ts';

describe("an order's history", () => {
  let t: PlanningTestApp;
  const today = todayIn('Europe/Paris');
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startPlanningApp();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('lists import, edit, plan, publication, stop events, proof, messages and rating in time order', async () => {
    const lea = { id: (await vanWithShifts(t, [today])).driverId };

    // A dispatcher uploads a CSV file: the order remembers that import.
    const csv = [
      'ref,name,phone,address,lat,lon,date_from,date_to,service_min,demand_kg',
      `H-1,Mme Durand,+33612345678,"1 place Bellecour, Lyon",45.7578,4.8320,${today},${today},5,10`,
    ].join('\n');
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'tuesday.csv');
    const imported = await fetch(`${t.baseUrl}/api/orders/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.org.users.dispatcher.token}` },
      body: form,
    });
    expect(imported.status).toBe(200);
    const [order] = (
      await t.db.query<{ id: string; source: string; import_id: string }>(
        `SELECT id, source, import_id FROM orders WHERE org_id = $1 AND ref = 'H-1'`,
        [t.org.id],
      )
    ).rows;
    expect(order).toMatchObject({
      source: 'import',
      import_id: ((await imported.json()) as { importId: string }).importId,
    });
    const id = order!.id;

    expect((await t.call('PATCH', `/orders/${id}`, { notes: 'Code porte 1234' })).status).toBe(200);
    const plan = await t.call('POST', '/plans', { from: today, to: today, timeLimitS: 0.5 });
    expect((await t.waitForPlan(plan.body.planId)).status).toBe('done');
    expect((await t.call('POST', '/dispatch/publish', { date: today })).body.orders).toBe(1);
    const route = (await t.call('GET', `/routes?date=${today}`)).body.routes[0];
    const stopId = route.stops.find((s: { orderId: string }) => s.orderId === id).id as string;

    const { socket: s, token } = await driverSocket(t, lea.id, sockets);
    const startedAt = new Date().toISOString();
    expect(
      (await s.emitWithAck('stop:event', { id: randomUUID(), stopId, type: 'started', deviceAt: startedAt })).ok,
    ).toBe(true);
    const deliveredId = randomUUID();
    const deliveredAt = new Date().toISOString();
    const delivered = await s.emitWithAck('stop:event', {
      id: deliveredId,
      stopId,
      type: 'delivered',
      deviceAt: deliveredAt,
      recipientName: 'M. Durand',
    });
    expect(delivered.ok).toBe(true);
    const proof = await fetch(`${t.baseUrl}/api/driver/stops/${stopId}/proof`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        eventId: deliveredId,
        kind: 'photo',
        contentType: 'image/jpeg',
        data: Buffer.from('\xff\xd8\xff\xe0 fake jpeg', 'latin1').toString('base64'),
      }),
    });
    expect(proof.status).toBe(201);
    // The customer's messages (the order has a phone): at least "published" is in the outbox.
    await t.app.comms.drain();
    await expect
      .poll(async () => (await t.db.query('SELECT 1 FROM notifications WHERE order_id = $1', [id])).rows.length)
      .toBeGreaterThan(0);
    const link = await createLink(t.db, t.org.id, id);
    const rated = await fetch(`${t.baseUrl}/api/track/${link}/rating`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating: 4, comment: 'Livreur aimable' }),
    });
    expect(rated.status).toBe(201);

    const res = await t.call('GET', `/orders/${id}/history`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ orderId: id, ref: 'H-1', source: 'import' });
    const entries = res.body.entries as HistoryEntry[];
    const times = entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // Each step once, in the order it happened.
    const find = (kind: string, pred: (e: HistoryEntry) => boolean = () => true) => {
      const i = entries.findIndex((e) => e.kind === kind && pred(e));
      expect(i, `${kind} in ${entries.map((e) => e.kind).join(', ')}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const steps = [
      find('import'),
      find('edit', (e) => e.details.action === 'order.update'),
      find('plan'),
      find('status', (e) => e.details.to === 'planned'),
      find('publication'),
      find('status', (e) => e.details.to === 'dispatched'),
      find('stop_event', (e) => e.details.type === 'started'),
      find('stop_event', (e) => e.details.type === 'delivered'),
      find('status', (e) => e.details.to === 'delivered'),
      find('proof'),
      find('rating'),
    ];
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    const publishedMessage = find('message', (e) => e.details.trigger === 'published');
    expect(publishedMessage).toBeGreaterThan(steps[4]!);
    expect(publishedMessage).toBeLessThan(steps[10]!);

    const imp = entries[steps[0]!]!;
    expect(imp).toMatchObject({
      kind: 'import',
      actor: { type: 'user', id: t.org.users.dispatcher.id },
      details: { filename: 'tuesday.csv', format: 'csv', created: true },
    });
    expect(entries[steps[2]!]).toMatchObject({ details: { planId: plan.body.planId, routeId: route.id } });
    expect(entries[steps[4]!]).toMatchObject({
      actor: { type: 'user', id: t.org.users.dispatcher.id },
      summary: 'Published to Léa (stop 1)',
      details: { routeId: route.id, first: true, stopId, driverId: lea.id },
    });
    // The stop event is placed at the phone's time and says when the server received it.
    const done = entries[steps[7]!]!;
    expect(done).toMatchObject({
      at: deliveredAt,
      actor: { type: 'driver', id: lea.id, name: 'Léa' },
      details: { deviceAt: deliveredAt, recipientName: 'M. Durand', stopId },
    });
    expect(Date.parse(done.details.receivedAt as string)).toBeGreaterThanOrEqual(Date.parse(deliveredAt));
    expect(entries[steps[6]!]!.details.deviceAt).toBe(startedAt);
    // The status changes the driver's events caused are the driver's.
    expect(entries[steps[8]!]!.actor).toMatchObject({ type: 'driver', id: lea.id });
    expect(entries.find((e) => e.details.to === 'in_progress')!.actor).toMatchObject({ type: 'driver', id: lea.id });
    expect(entries[steps[9]!]).toMatchObject({ details: { kind: 'photo', eventId: deliveredId } });
    expect(entries[steps[10]!]).toMatchObject({
      actor: { type: 'customer' },
      details: { rating: 4, comment: 'Livreur aimable' },
    });
    // The rating is told once (from the ratings table), not again as an edit.
    expect(entries.filter((e) => e.details.action === 'rate')).toEqual([]);
  });

  it("answers 404 for another organisation's order and 400 for a malformed id", async () => {
    expect((await t.call('GET', `/orders/${randomUUID()}/history`)).status).toBe(404);
    const bad = await t.call('GET', '/orders/not-an-id/history');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/id/);
    expect((await t.call('GET', `/orders/${randomUUID()}/history`, undefined, 'driver')).status).toBe(403);
  });
});
