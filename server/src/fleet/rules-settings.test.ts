/**
 * The settings behind issue 19's fleet rules, over HTTP: a depot's loading docks and loading
 * minutes, a vehicle's reload minutes and trips, the organisation's working-time rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const json = (body: unknown) => JSON.stringify(body);
const depotBody = { name: 'Docks', location: { lon: 4.835, lat: 45.733 }, timeZone: 'Europe/Paris' };

describe('depot docks and loading minutes', () => {
  it('are unlimited and 0 until set, then read back as set, and null lifts the limit', async () => {
    const created = await readJson(await t.api('/depots', { method: 'POST', body: json(depotBody) }));
    expect(created).toMatchObject({ docks: null, loadingMin: 0 });
    const set = await readJson(
      await t.api(`/depots/${created.id}`, { method: 'PATCH', body: json({ docks: 2, loadingMin: 20 }) }),
    );
    expect(set).toMatchObject({ docks: 2, loadingMin: 20 });
    expect(await readJson(await t.api(`/depots/${created.id}`))).toMatchObject({ docks: 2, loadingMin: 20 });
    const renamed = await readJson(
      await t.api(`/depots/${created.id}`, { method: 'PATCH', body: json({ name: 'Docks 2' }) }),
    );
    expect(renamed).toMatchObject({ docks: 2, loadingMin: 20 });
    const lifted = await readJson(
      await t.api(`/depots/${created.id}`, { method: 'PATCH', body: json({ docks: null }) }),
    );
    expect(lifted).toMatchObject({ docks: null, loadingMin: 20 });
  });

  it('refuses 0 docks and negative minutes, naming the fields', async () => {
    const res = await t.api('/depots', { method: 'POST', body: json({ ...depotBody, docks: 0, loadingMin: -5 }) });
    expect(res.status).toBe(400);
    const { error } = await readJson(res);
    expect(error.message).toMatch(/docks: must be at least 1/);
    expect(error.message).toMatch(/loadingMin: must be 0 or more/);
  });
});

describe('vehicle reloads', () => {
  it('are off (null) with 3 trips until set', async () => {
    const depot = await readJson(await t.api('/depots', { method: 'POST', body: json(depotBody) }));
    const v = await readJson(
      await t.api('/vehicles', {
        method: 'POST',
        body: json({ name: 'Van', depotId: depot.id, capacity: [100, 1, 10] }),
      }),
    );
    expect(v).toMatchObject({ reloadMin: null, maxTrips: 3 });
    const set = await readJson(
      await t.api(`/vehicles/${v.id}`, { method: 'PATCH', body: json({ reloadMin: 15, maxTrips: 2 }) }),
    );
    expect(set).toMatchObject({ reloadMin: 15, maxTrips: 2 });
    const bad = await t.api(`/vehicles/${v.id}`, { method: 'PATCH', body: json({ maxTrips: 0, reloadMin: 1.5 }) });
    expect(bad.status).toBe(400);
    const { error } = await readJson(bad);
    expect(error.message).toMatch(/maxTrips: must be at least 1/);
    expect(error.message).toMatch(/reloadMin: must be whole minutes/);
  });
});

describe('working-time rules', () => {
  it('are off until an admin sets them, and every field is checked by name', async () => {
    const before = await readJson(await t.api('/organisation', { as: 'dispatcher' }));
    expect(before.workingTime).toEqual({
      maxWeeklyHours: null,
      minDailyRestHours: null,
      maxDrivingHours: null,
      drivingBreakMin: 45,
    });
    const rules = { maxWeeklyHours: 48, minDailyRestHours: 11, maxDrivingHours: 4.5, drivingBreakMin: 45 };
    const asDispatcher = await t.api('/organisation', {
      method: 'PATCH',
      body: json({ workingTime: rules }),
      as: 'dispatcher',
    });
    expect(asDispatcher.status).toBe(403);
    const set = await readJson(await t.api('/organisation', { method: 'PATCH', body: json({ workingTime: rules }) }));
    expect(set.workingTime).toEqual(rules);
    expect((await readJson(await t.api('/organisation'))).workingTime).toEqual(rules);

    const bad = await t.api('/organisation', {
      method: 'PATCH',
      body: json({ workingTime: { ...rules, maxWeeklyHours: 200, drivingBreakMin: 0 } }),
    });
    expect(bad.status).toBe(400);
    const { error } = await readJson(bad);
    expect(error.message).toMatch(/workingTime\.maxWeeklyHours: at most 168/);
    expect(error.message).toMatch(/workingTime\.drivingBreakMin: must be at least 1/);
  });
});
