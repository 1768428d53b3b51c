import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let depotId: string;
beforeAll(async () => {
  t = await startTestApp();
  const depot = await t.api('/depots', {
    method: 'POST',
    body: JSON.stringify({ name: 'Lyon', location: { lon: 4.835, lat: 45.733 }, timeZone: 'Europe/Paris' }),
  });
  depotId = (await readJson(depot)).id;
});
afterAll(() => t.close());

const send = async (
  method: string,
  path: string,
  body?: unknown,
  as: 'admin' | 'dispatcher' | 'driver' = 'dispatcher',
) => t.api(path, { method, body: body === undefined ? undefined : JSON.stringify(body), as });

async function newVehicle(name: string): Promise<string> {
  return (await readJson(await send('POST', '/vehicles', { name, depotId, capacity: [800, 6, 60] }))).id;
}

async function shifts(vehicleId: string, from = '2027-03-22', to = '2027-04-02') {
  const res = await t.api(`/shifts?vehicleId=${vehicleId}&from=${from}&to=${to}`, { as: 'driver' });
  return (await readJson(res)).items as Array<Record<string, unknown>>;
}

const weekPattern = (vehicleId: string, extra: Record<string, unknown> = {}) => ({
  vehicleId,
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '08:00',
  end: '17:00',
  breaks: [{ start: '12:00', end: '14:00', durationMin: 30 }],
  validFrom: '2027-03-22',
  validTo: '2027-04-02',
  ...extra,
});

describe('weekly shift patterns', () => {
  it('keeps local 08:00–17:00 across the daylight-saving change in Europe/Paris', async () => {
    const vehicleId = await newVehicle('DST van');
    const res = await send('POST', '/shift-patterns', weekPattern(vehicleId));
    expect(res.status).toBe(201);
    const pattern = await readJson(res);
    expect(pattern).toMatchObject({ weekdays: [1, 2, 3, 4, 5], expansion: { created: 10, through: '2027-04-02' } });

    const list = await shifts(vehicleId);
    expect(list.map((s) => s.localDate)).toEqual([
      '2027-03-22',
      '2027-03-23',
      '2027-03-24',
      '2027-03-25',
      '2027-03-26',
      '2027-03-29',
      '2027-03-30',
      '2027-03-31',
      '2027-04-01',
      '2027-04-02',
    ]);
    for (const s of list)
      expect(s).toMatchObject({ start: '08:00', end: '17:00', timeZone: 'Europe/Paris', patternId: pattern.id });
    const friday = list.find((s) => s.localDate === '2027-03-26')!;
    const monday = list.find((s) => s.localDate === '2027-03-29')!;
    expect(friday).toMatchObject({ startAt: '2027-03-26T07:00:00.000Z', endAt: '2027-03-26T16:00:00.000Z' });
    expect(monday).toMatchObject({ startAt: '2027-03-29T06:00:00.000Z', endAt: '2027-03-29T15:00:00.000Z' });
    expect(monday.breaks).toEqual([
      {
        start: '12:00',
        end: '14:00',
        durationMin: 30,
        startAt: '2027-03-29T10:00:00.000Z',
        endAt: '2027-03-29T12:00:00.000Z',
      },
    ]);
  });

  it('creates no duplicates when expanded again, and keeps overrides and cancellations', async () => {
    const vehicleId = await newVehicle('Idempotent van');
    const pattern = await readJson(await send('POST', '/shift-patterns', weekPattern(vehicleId)));
    const driver = await readJson(await send('POST', '/drivers', { name: 'Remplaçant' }));

    const over = await send('PUT', `/shifts/${vehicleId}/2027-03-24`, {
      start: '10:00',
      end: '15:00',
      driverId: driver.id,
    });
    expect(over.status).toBe(200);
    expect(await readJson(over)).toMatchObject({
      isOverride: true,
      start: '10:00',
      driverId: driver.id,
      patternId: pattern.id,
    });
    const cancelled = await send('DELETE', `/shifts/${vehicleId}/2027-03-25`);
    expect(await readJson(cancelled)).toMatchObject({ cancelled: true, localDate: '2027-03-25' });

    const again = await send('POST', '/shift-patterns/expand', { through: '2027-04-30' });
    expect(again.status).toBe(200);
    const list = await shifts(vehicleId);
    expect(list).toHaveLength(10);
    expect(list.find((s) => s.localDate === '2027-03-24')).toMatchObject({
      start: '10:00',
      end: '15:00',
      isOverride: true,
    });
    expect(list.find((s) => s.localDate === '2027-03-25')).toMatchObject({ cancelled: true });
    expect((await shifts(vehicleId)).filter((s) => !s.cancelled)).toHaveLength(9);
    const active = await t.api(`/shifts?vehicleId=${vehicleId}&from=2027-03-22&to=2027-04-02&cancelled=false`);
    expect((await readJson(active)).items).toHaveLength(9);
  });

  it('removes its future shifts but not the overridden ones when the pattern is deleted', async () => {
    const vehicleId = await newVehicle('Pattern-delete van');
    const pattern = await readJson(await send('POST', '/shift-patterns', weekPattern(vehicleId)));
    await send('PUT', `/shifts/${vehicleId}/2027-03-30`, { start: '09:00', end: '12:00' });
    const res = await send('DELETE', `/shift-patterns/${pattern.id}`);
    expect(await readJson(res)).toEqual({ removedShifts: 9 });
    const left = await shifts(vehicleId);
    expect(left.map((s) => s.localDate)).toEqual(['2027-03-30']);
    expect((await t.api(`/shift-patterns/${pattern.id}`)).status).toBe(404);
  });

  it('refuses a second pattern on the same weekdays of the same vehicle', async () => {
    const vehicleId = await newVehicle('Clash van');
    await send('POST', '/shift-patterns', weekPattern(vehicleId));
    const res = await send('POST', '/shift-patterns', weekPattern(vehicleId, { weekdays: 'Fri-Sat' }));
    expect(res.status).toBe(409);
    const weekend = await send(
      'POST',
      '/shift-patterns',
      weekPattern(vehicleId, { weekdays: 'Sat-Sun', start: '09:00', end: '13:00', breaks: [] }),
    );
    expect((await readJson(weekend)).expansion.created).toBe(2); // 27–28 March
  });

  it('refuses a break that does not fit its window, naming the field', async () => {
    const vehicleId = await newVehicle('Break van');
    const res = await send(
      'POST',
      '/shift-patterns',
      weekPattern(vehicleId, { breaks: [{ start: '12:00', end: '12:20', durationMin: 30 }] }),
    );
    expect(res.status).toBe(400);
    expect((await readJson(res)).error.message).toMatch(/breaks\[0\]\.durationMin: 30 min does not fit/);
    const outside = await send('PUT', `/shifts/${vehicleId}/2027-03-22`, {
      start: '08:00',
      end: '17:00',
      breaks: [{ start: '18:00', end: '19:00', durationMin: 15 }],
    });
    expect((await readJson(outside)).error.message).toMatch(
      /breaks\[0\]\.start: 18:00 is outside the shift 08:00–17:00/,
    );
  });

  it('answers a driver 403 on shift and pattern writes', async () => {
    const vehicleId = await newVehicle('Role van');
    expect((await send('POST', '/shift-patterns', weekPattern(vehicleId), 'driver')).status).toBe(403);
    expect(
      (await send('PUT', `/shifts/${vehicleId}/2027-03-22`, { start: '08:00', end: '17:00' }, 'driver')).status,
    ).toBe(403);
  });
});

describe('one-off shifts', () => {
  it('creates a night shift ending the next morning and refuses a second one that day', async () => {
    const vehicleId = await newVehicle('Night van');
    const res = await send('POST', '/shifts', { vehicleId, localDate: '2027-03-27', start: '22:00', end: '06:00' });
    expect(res.status).toBe(201);
    const s = await readJson(res);
    expect(s).toMatchObject({ startAt: '2027-03-27T21:00:00.000Z', endAt: '2027-03-28T04:00:00.000Z' });
    const again = await send('POST', '/shifts', { vehicleId, localDate: '2027-03-27', start: '08:00', end: '12:00' });
    expect(again.status).toBe(409);

    const patched = await send('PATCH', `/shifts/${s.id}`, { end: '05:00' });
    expect(await readJson(patched)).toMatchObject({ end: '05:00', endAt: '2027-03-28T03:00:00.000Z' });
    const events = await t.db.query('SELECT action FROM events WHERE entity = $1 AND entity_id = $2 ORDER BY id', [
      'shift',
      s.id,
    ]);
    expect(events.rows.map((e) => e.action)).toEqual(['create', 'update']);
  });
});

describe('deleting what shifts depend on', () => {
  it('refuses to delete a vehicle with shifts to come unless forced, which cancels them', async () => {
    const vehicleId = await newVehicle('Retired van');
    await send('POST', '/shift-patterns', weekPattern(vehicleId));
    const refused = await send('DELETE', `/vehicles/${vehicleId}`);
    expect(refused.status).toBe(409);
    expect((await readJson(refused)).error.message).toMatch(/10 shifts to come.*force=true/);
    expect((await send('DELETE', `/vehicles/${vehicleId}?force=true`)).status).toBe(204);
    const { rows } = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM shifts WHERE vehicle_id = $1 AND NOT cancelled',
      [vehicleId],
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('refuses to delete a driver with shifts to come unless forced, which unassigns them', async () => {
    const vehicleId = await newVehicle('Driven van');
    const driver = await readJson(await send('POST', '/drivers', { name: 'Sam', defaultVehicleId: vehicleId }));
    await send('POST', '/shift-patterns', weekPattern(vehicleId, { driverId: driver.id }));
    expect((await t.api(`/shifts?driverId=${driver.id}&from=2027-03-22&to=2027-04-02`)).ok).toBe(true);
    expect((await send('DELETE', `/drivers/${driver.id}`)).status).toBe(409);
    expect((await send('DELETE', `/drivers/${driver.id}?force=true`)).status).toBe(204);
    const list = await shifts(vehicleId);
    expect(list).toHaveLength(10);
    expect(list.every((s) => s.driverId === null)).toBe(true);
  });

  it('moves future shift instants when the depot changes time zone, keeping local hours', async () => {
    const depot = await readJson(
      await send('POST', '/depots', { name: 'Moving', location: { lon: 2.35, lat: 48.85 }, timeZone: 'Europe/Paris' }),
    );
    const vehicleId = (
      await readJson(await send('POST', '/vehicles', { name: 'Mover', depotId: depot.id, capacity: [1, 1, 1] }))
    ).id;
    await send('POST', '/shift-patterns', weekPattern(vehicleId));
    await send('PATCH', `/depots/${depot.id}`, { timeZone: 'Europe/London' });
    const monday = (await shifts(vehicleId)).find((s) => s.localDate === '2027-03-29');
    expect(monday).toMatchObject({ start: '08:00', startAt: '2027-03-29T07:00:00.000Z', timeZone: 'Europe/London' });
  });
});
