import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { generateTemplate } from './generate.ts';
import * as repo from './repo.ts';
import { type ClockedApp, startClockedApp } from '../../test/support/clocked-app.ts';
import { createLyonDepot } from '../../test/support/lyon-depot.ts';

// Monday 1 March 2027 23:30 UTC is already Tuesday 2 March (00:30) in Lyon.
const MON_LATE_UTC = '2027-03-01T23:30:00Z';

describe('recurring orders', () => {
  let t: ClockedApp;
  let depotId: string;
  const orders = async () =>
    (
      await t.db.query<{ ref: string; date_from: string; notes: string; name: string; status: string }>(
        `SELECT ref, to_char(date_from, 'YYYY-MM-DD') AS date_from, notes, name, status FROM orders
          WHERE org_id = $1 AND ref LIKE 'DUPONT-%' ORDER BY ref`,
        [t.org.id],
      )
    ).rows;

  /** A weekly Tuesday-and-Friday template from Monday 1 March, 7 days ahead. */
  const addTuesdayFriday = (ref: string, order: Record<string, unknown>) =>
    t.call('POST', '/order-templates', {
      ref,
      depotId,
      rrule: 'FREQ=WEEKLY;BYDAY=TU,FR',
      startsOn: '2027-03-01',
      aheadDays: 7,
      order,
    });

  beforeAll(async () => {
    t = await startClockedApp(MON_LATE_UTC);
    const depot = await createLyonDepot(t);
    depotId = depot.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('makes one order per Tuesday and Friday in the depot zone, once, keeps edits, and pauses', async () => {
    const created = await addTuesdayFriday('DUPONT', {
      name: 'Boulangerie Dupont',
      address: '3 rue Mercière, Lyon',
      lat: 45.7626,
      lon: 4.8331,
      timeWindows: [{ start: '06:00', end: '08:00' }],
      demand: { kg: 12 },
    });
    expect(created.status).toBe(201);
    // Today is Tuesday 2 March in Lyon (Monday in UTC): Tuesday 2, Friday 5 and Tuesday 9.
    expect(created.body.generation.created).toEqual(['2027-03-02', '2027-03-05', '2027-03-09']);
    expect(created.body.nextDates.slice(0, 3)).toEqual(['2027-03-02', '2027-03-05', '2027-03-09']);
    expect((await orders()).map((o) => [o.ref, o.date_from])).toEqual([
      ['DUPONT-2027-03-02', '2027-03-02'],
      ['DUPONT-2027-03-05', '2027-03-05'],
      ['DUPONT-2027-03-09', '2027-03-09'],
    ]);
    const id = created.body.id;

    // Again, by hand and by the daily run: nothing more.
    expect((await t.call('POST', `/order-templates/${id}/generate`)).body.created).toEqual([]);
    await t.tickAt(MON_LATE_UTC);
    expect(await orders()).toHaveLength(3);

    // The dispatcher edits Friday's order; then the template's name changes.
    const friday = await t.db.query<{ id: string }>(
      `SELECT id FROM orders WHERE org_id = $1 AND ref = 'DUPONT-2027-03-05'`,
      [t.org.id],
    );
    const patched = await t.call('PATCH', `/orders/${friday.rows[0]!.id}`, { notes: 'Back door, ring twice' });
    expect(patched.status).toBe(200);
    const renamed = await t.call('PATCH', `/order-templates/${id}`, {
      order: { ...created.body.order, name: 'Boulangerie Dupont & fils' },
    });
    expect(renamed.status).toBe(200);
    // Tuesday 2 and Tuesday 9 follow the new name; Friday 5, edited, does not.
    expect(renamed.body.generation.updated).toEqual(['2027-03-02', '2027-03-09']);

    // Saturday 6 March: the daily run adds Friday 12 (in the new name), Friday 5 keeps its edit.
    await t.tickAt('2027-03-06T09:00:00Z');
    const now = await orders();
    expect(now.map((o) => o.date_from)).toEqual(['2027-03-02', '2027-03-05', '2027-03-09', '2027-03-12']);
    expect(now.find((o) => o.date_from === '2027-03-05')).toMatchObject({
      notes: 'Back door, ring twice',
      name: 'Boulangerie Dupont',
    });
    expect(now.find((o) => o.date_from === '2027-03-09')?.name).toBe('Boulangerie Dupont & fils');
    expect(now.find((o) => o.date_from === '2027-03-12')?.name).toBe('Boulangerie Dupont & fils');

    // Paused: Tuesday 16 is not made; the orders already made stay as they are.
    expect((await t.call('PATCH', `/order-templates/${id}`, { paused: true })).body.paused).toBe(true);
    await t.tickAt('2027-03-09T09:00:00Z');
    expect((await orders()).map((o) => [o.date_from, o.status])).toEqual(now.map((o) => [o.date_from, o.status]));
    // Resumed: the dates to come are made again.
    expect((await t.call('PATCH', `/order-templates/${id}`, { paused: false })).body.generation.created).toEqual([
      '2027-03-16',
    ]);

    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM events WHERE org_id = $1 AND entity = 'order_template' ORDER BY id`,
      [t.org.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'update', 'pause', 'update']);
  }, 30_000);

  it('keeps a new template following its changes when the daily run read its dates before they were recorded', async () => {
    const created = await addTuesdayFriday('RACE', { name: 'Fromagerie', lat: 45.7626, lon: 4.8331 });
    expect(created.body.generation.created).toHaveLength(3);
    // The daily run (another process, say) read "nothing generated yet" just before the form's
    // generation recorded its dates; it then finds the orders by ref and adopts them.
    const stale: Db = Object.create(t.db);
    stale.query = ((sql: string, params?: unknown[]) =>
      /FROM order_template_occurrences\s+WHERE template_id = \$1 AND local_date = ANY/.test(sql)
        ? Promise.resolve({ rows: [] })
        : t.db.query(sql, params)) as Db['query'];
    const template = await repo.findTemplate(t.db, t.org.id, created.body.id);
    await generateTemplate({ db: stale, geocoder: null }, systemActor(t.org.id), template!, t.clock.now());

    const renamed = await t.call('PATCH', `/order-templates/${created.body.id}`, {
      order: { ...created.body.order, name: 'Fromagerie & fils' },
    });
    expect(renamed.body.generation.updated).toEqual(created.body.generation.created);
  });

  it('checks the template like an import row, naming the field', async () => {
    const base = {
      ref: 'BAD',
      depotId,
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      startsOn: '2027-03-01',
      order: { name: 'X', lat: 45.76, lon: 4.83 },
    };
    const hourly = await t.call('POST', '/order-templates', { ...base, rrule: 'FREQ=HOURLY' });
    expect(hourly.status).toBe(400);
    expect(hourly.body.error.message).toMatch(/^rrule: must repeat by days/);
    const backwards = await t.call('POST', '/order-templates', {
      ...base,
      order: { ...base.order, timeWindows: [{ start: '10:00', end: '09:00' }] },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details[0].field).toBe('order.timeWindows[0].end');
    const noPlace = await t.call('POST', '/order-templates', { ...base, order: { name: 'Nowhere' } });
    expect(noPlace.status).toBe(400);
    expect(noPlace.body.error.details[0].field).toBe('order.address');
    expect((await t.call('GET', '/order-templates')).body.items.map((x: { ref: string }) => x.ref)).not.toContain(
      'BAD',
    );
  });
});
