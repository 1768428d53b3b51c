import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneVanDay, type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';

describe('publish preview', () => {
  let t: PlanningTestApp;
  const date = '2026-12-15';
  const order = (ref: string, contact: { phone?: string; email?: string }) => ({
    ref,
    name: ref,
    address: '1 place Bellecour, Lyon',
    lat: '45.7578',
    lon: '4.8320',
    date_from: date,
    date_to: date,
    service_min: '5',
    demand_kg: '10',
    ...contact,
  });

  beforeAll(async () => {
    t = await startPlanningApp();
    await oneVanDay(t, date);
    await t.importOrders([
      order('BOTH', { phone: '06 12 34 56 78', email: 'both@example.fr' }),
      order('PHONE', { phone: '06 12 34 56 79' }),
      order('MAIL', { email: 'mail@example.fr' }),
      order('NONE', {}),
      order('OPTOUT', { phone: '06 12 34 56 70' }),
    ]);
    await t.db.query('INSERT INTO notify_opt_outs (org_id, recipient) VALUES ($1, $2)', [t.org.id, '+33612345670']);
    const r = await t.call('POST', '/plans', { from: date, to: date, timeLimitS: 1 });
    expect((await t.waitForPlan(r.body.planId)).status).toBe('done');
  });
  afterAll(() => t.close());

  it('counts the customers who will be texted and emailed, leaving out opt-outs', async () => {
    const r = await t.call('GET', `/dispatch/publish/preview?date=${date}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ routes: 1, orders: 5, sms: 2, email: 2, drivers: 0 });
  });

  it('counts no email when the email channel is off, and nothing when the trigger is off', async () => {
    const set = (notify: unknown) =>
      t.db.query(
        `UPDATE organisations SET settings = jsonb_set(coalesce(settings, '{}'), '{notify}', $2) WHERE id = $1`,
        [t.org.id, JSON.stringify(notify)],
      );
    await set({ channels: { sms: true, email: false } });
    expect((await t.call('GET', `/dispatch/publish/preview?date=${date}`)).body).toMatchObject({ sms: 2, email: 0 });
    await set({ triggers: { published: false } });
    expect((await t.call('GET', `/dispatch/publish/preview?date=${date}`)).body).toMatchObject({
      orders: 5,
      sms: 0,
      email: 0,
    });
    await set({});
  });

  it('names the date when it is missing, and counts nothing once the day is published', async () => {
    const bad = await t.call('GET', '/dispatch/publish/preview');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/date/);
    expect((await t.call('POST', '/dispatch/publish', { date })).status).toBe(200);
    expect((await t.call('GET', `/dispatch/publish/preview?date=${date}`)).body).toEqual({
      routes: 0,
      orders: 0,
      sms: 0,
      email: 0,
      drivers: 0,
    });
  });
});
