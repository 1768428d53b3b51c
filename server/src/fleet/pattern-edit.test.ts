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

const send = (method: string, path: string, body?: unknown) =>
  t.api(path, { method, body: body === undefined ? undefined : JSON.stringify(body), as: 'dispatcher' });

async function newVehicle(name: string): Promise<string> {
  return (await readJson(await send('POST', '/vehicles', { name, depotId, capacity: [800, 6, 60] }))).id;
}

const shiftsOf = async (vehicleId: string) =>
  (await readJson(await t.api(`/shifts?vehicleId=${vehicleId}&from=2027-05-03&to=2027-05-14`))).items as Array<{
    localDate: string;
    start: string;
    end: string;
    isOverride: boolean;
  }>;

const pattern = (vehicleId: string) => ({
  vehicleId,
  weekdays: [1, 2, 3, 4, 5],
  start: '08:00',
  end: '17:00',
  validFrom: '2027-05-03',
  validTo: '2027-05-14',
});

describe('editing a weekly shift pattern', () => {
  it('redraws the shifts to come with the new hours and days, keeping a day changed by hand', async () => {
    const vehicleId = await newVehicle('Van A');
    const p = await readJson(await send('POST', '/shift-patterns', pattern(vehicleId)));
    // Tuesday 4 May changed by hand: the edit leaves it alone.
    expect((await send('PUT', `/shifts/${vehicleId}/2027-05-04`, { start: '09:00', end: '13:00' })).status).toBe(200);

    const res = await send('PATCH', `/shift-patterns/${p.id}`, { weekdays: 'Mon-Thu', start: '07:00', end: '15:00' });
    expect(res.status).toBe(200);
    const edited = await readJson(res);
    expect(edited).toMatchObject({ weekdays: [1, 2, 3, 4], start: '07:00', end: '15:00', removedShifts: 9 });

    const list = await shiftsOf(vehicleId);
    expect(list.map((s) => `${s.localDate} ${s.start}-${s.end}`)).toEqual([
      '2027-05-03 07:00-15:00',
      '2027-05-04 09:00-13:00',
      '2027-05-05 07:00-15:00',
      '2027-05-06 07:00-15:00',
      '2027-05-10 07:00-15:00',
      '2027-05-11 07:00-15:00',
      '2027-05-12 07:00-15:00',
      '2027-05-13 07:00-15:00',
    ]);
    expect((await readJson(await t.api(`/shift-patterns/${p.id}`))).weekdays).toEqual([1, 2, 3, 4]);
    const audit = await t.db.query("SELECT action FROM events WHERE entity = 'shift_pattern' AND entity_id = $1", [
      p.id,
    ]);
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'update']);
  });

  it('refuses bad hours naming the field and writes nothing', async () => {
    const vehicleId = await newVehicle('Van B');
    const p = await readJson(await send('POST', '/shift-patterns', pattern(vehicleId)));
    const res = await send('PATCH', `/shift-patterns/${p.id}`, { start: '17:00' });
    expect(res.status).toBe(400);
    expect((await readJson(res)).error.details[0].field).toBe('end');
    const bad = await send('PATCH', `/shift-patterns/${p.id}`, { start: '25:00' });
    expect((await readJson(bad)).error.details[0].field).toBe('start');
    expect((await shiftsOf(vehicleId)).every((s) => s.start === '08:00')).toBe(true);
  });
});

describe('notification template preview', () => {
  it('renders every trigger for a sample order in the organisation language, with the rebook URL', async () => {
    await t.api('/organisation', { method: 'PATCH', body: JSON.stringify({ locale: 'fr', name: 'Primeurs Lyon' }) });
    await t.api('/notifications/settings', {
      method: 'PUT',
      body: JSON.stringify({ rebookUrl: 'https://example.com/rebook' }),
    });
    const res = await t.api('/notifications/preview');
    expect(res.status).toBe(200);
    const items = (await readJson(res)).items as Array<{ trigger: string; sms: string; subject: string }>;
    expect(items.map((i) => i.trigger)).toContain('published');
    const published = items.find((i) => i.trigger === 'published')!;
    expect(published.sms).toMatch(
      /^Bonjour Marie Dupont, votre livraison Primeurs Lyon est prévue .* entre 10:00 et 12:00/,
    );
    expect(items.find((i) => i.trigger === 'failed')!.sms).toContain('https://example.com/rebook');
    const en = await readJson(await t.api('/notifications/preview?trigger=next&locale=en'));
    expect(en.items).toHaveLength(1);
    expect(en.items[0].sms).toMatch(/^Hello Jane Smith, you are next: your driver arrives around 10:40/);
    const bad = await t.api('/notifications/preview?trigger=nope');
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error.details[0].field).toBe('trigger');
  });
});
