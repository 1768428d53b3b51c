import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const json = (body: unknown) => JSON.stringify(body);
const lyon = {
  name: 'Lyon Gerland',
  address: '10 rue de Gerland, Lyon',
  location: { lon: 4.835, lat: 45.733 },
  timeZone: 'Europe/Paris',
};

async function post(path: string, body: unknown, as: 'admin' | 'dispatcher' | 'driver' = 'dispatcher') {
  return t.api(path, { method: 'POST', body: json(body), as });
}

async function eventsFor(entity: string, id: string) {
  const { rows } = await t.db.query<{ action: string; user_id: string }>(
    'SELECT action, user_id FROM events WHERE entity = $1 AND entity_id = $2 ORDER BY id',
    [entity, id],
  );
  return rows;
}

describe('depots', () => {
  it('creates, reads, changes and lists a depot, with an audit event per write', async () => {
    const res = await post('/depots', lyon);
    expect(res.status).toBe(201);
    const depot = await readJson(res);
    expect(depot).toMatchObject({
      name: 'Lyon Gerland',
      timeZone: 'Europe/Paris',
      location: { type: 'Point', coordinates: [4.835, 45.733] },
    });

    const patched = await t.api(`/depots/${depot.id}`, { method: 'PATCH', body: json({ name: 'Lyon Sud' }) });
    expect((await readJson(patched)).name).toBe('Lyon Sud');
    const list = await readJson(await t.api('/depots', { as: 'driver' }));
    expect(list.items.map((d: { id: string }) => d.id)).toContain(depot.id);
    expect((await eventsFor('depot', depot.id)).map((e) => e.action)).toEqual(['create', 'update']);
  });

  it('refuses a depot off the Earth or in a made-up zone, naming the fields', async () => {
    const res = await post('/depots', { ...lyon, location: { lon: 4.8, lat: 123 }, timeZone: 'Europe/Lyon' });
    expect(res.status).toBe(400);
    const { error } = await readJson(res);
    expect(error.message).toMatch(/location\.lat/);
    expect(error.message).toMatch(/timeZone: must be an IANA time zone/);
  });

  it('refuses to delete a depot vehicles still use, then deletes it once they are gone', async () => {
    const depot = await readJson(await post('/depots', lyon));
    const vehicle = await readJson(await post('/vehicles', { name: 'Van', depotId: depot.id, capacity: [100, 1, 10] }));
    const refused = await t.api(`/depots/${depot.id}`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect((await readJson(refused)).error.message).toMatch(/still used by 1 vehicle \(Van\); move or delete it first/);

    expect((await t.api(`/vehicles/${vehicle.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/depots/${depot.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/depots/${depot.id}`)).status).toBe(404);
    expect((await eventsFor('depot', depot.id)).map((e) => e.action)).toEqual(['create', 'delete']);
  });
});

describe('vehicles', () => {
  let depotId: string;
  beforeAll(async () => {
    depotId = (await readJson(await post('/depots', lyon))).id;
  });

  it('takes capacity by dimension name and answers both forms', async () => {
    const res = await post('/vehicles', {
      name: 'Van 1',
      depotId,
      capacity: { kg: 800, m3: 6, parcels: 60 },
      skills: ['fridge'],
      costPerKm: 0.4,
      maxStops: 40,
    });
    expect(res.status).toBe(201);
    const v = await readJson(res);
    expect(v).toMatchObject({
      capacity: [800, 6, 60],
      capacityByDimension: { kg: 800, m3: 6, parcels: 60 },
      skills: ['fridge'],
      costPerKm: 0.4,
      maxStops: 40,
      speedFactor: 1,
      endDepotId: null,
    });
    const patched = await readJson(
      await t.api(`/vehicles/${v.id}`, { method: 'PATCH', body: json({ capacity: [900, 7, 70] }) }),
    );
    expect(patched.capacityByDimension).toEqual({ kg: 900, m3: 7, parcels: 70 });
  });

  it('refuses a capacity with the wrong length or an unknown dimension, naming it', async () => {
    const short = await post('/vehicles', { name: 'V', depotId, capacity: [800, 6] });
    expect(short.status).toBe(400);
    expect((await readJson(short)).error.message).toMatch(/capacity: has 2 value\(s\).*kg, m3, parcels/);
    const unknown = await post('/vehicles', { name: 'V', depotId, capacity: { kg: 1, m3: 1, parcels: 1, pallets: 2 } });
    expect(unknown.status).toBe(400);
    expect((await readJson(unknown)).error.message).toMatch(/unknown dimension "pallets"/);
  });

  it('refuses a depot that does not exist, naming the field', async () => {
    const res = await post('/vehicles', { name: 'V', depotId: crypto.randomUUID(), capacity: [1, 1, 1] });
    expect(res.status).toBe(400);
    expect((await readJson(res)).error.details[0].field).toBe('depotId');
  });

  it('lets dispatchers and admins write the fleet but answers a driver 403', async () => {
    expect((await post('/vehicles', { name: 'A', depotId, capacity: [1, 1, 1] }, 'admin')).status).toBe(201);
    expect((await post('/vehicles', { name: 'D', depotId, capacity: [1, 1, 1] }, 'driver')).status).toBe(403);
    expect((await post('/depots', lyon, 'driver')).status).toBe(403);
    expect((await post('/drivers', { name: 'X' }, 'driver')).status).toBe(403);
    expect((await t.api('/vehicles', { as: 'driver' })).status).toBe(200);
  });
});

describe('drivers', () => {
  it('stores a French national phone number in E.164', async () => {
    const res = await post('/drivers', { name: 'Camille', phone: '06 12 34 56 78', email: 'camille@example.fr' });
    expect(res.status).toBe(201);
    const d = await readJson(res);
    expect(d).toMatchObject({ phone: '+33612345678', email: 'camille@example.fr', defaultVehicleId: null });
    expect((await eventsFor('driver', d.id))[0]).toMatchObject({
      action: 'create',
      user_id: t.org.users.dispatcher.id,
    });
  });

  it('refuses a bad phone number naming the field', async () => {
    const res = await post('/drivers', { name: 'Bad', phone: '0612' });
    expect(res.status).toBe(400);
    const { error } = await readJson(res);
    expect(error.message).toMatch(/^Invalid body: phone: "0612" is not a valid phone number/);
    expect(error.details).toEqual([{ field: 'phone', message: expect.any(String) }]);
  });

  it('clears a phone with null and refuses a bad email', async () => {
    const d = await readJson(await post('/drivers', { name: 'Léa', phone: '+33 4 72 00 00 00' }));
    const cleared = await readJson(await t.api(`/drivers/${d.id}`, { method: 'PATCH', body: json({ phone: null }) }));
    expect(cleared.phone).toBeNull();
    const bad = await t.api(`/drivers/${d.id}`, { method: 'PATCH', body: json({ email: 'nope' }) });
    expect((await readJson(bad)).error.message).toMatch(/email: must be an email address/);
  });
});

describe('organisation', () => {
  it('is readable by every role and writable by admins only', async () => {
    const org = await readJson(await t.api('/organisation', { as: 'driver' }));
    expect(org).toMatchObject({ id: t.org.id, dimensions: ['kg', 'm3', 'parcels'], defaultCountry: 'FR' });
    expect(
      (await t.api('/organisation', { method: 'PATCH', body: json({ name: 'X' }), as: 'dispatcher' })).status,
    ).toBe(403);
    const res = await t.api('/organisation', {
      method: 'PATCH',
      body: json({ name: 'Tournée Lyon', locale: 'en-GB', defaultServiceS: 240 }),
    });
    expect(await readJson(res)).toMatchObject({ name: 'Tournée Lyon', locale: 'en-GB', defaultServiceS: 240 });
    expect((await eventsFor('organisation', t.org.id)).map((e) => e.action)).toContain('update');
  });

  it('renames dimensions in place but refuses changing how many while vehicles exist', async () => {
    const renamed = await t.api('/organisation', {
      method: 'PATCH',
      body: json({ dimensions: ['kg', 'm3', 'colis'] }),
    });
    expect((await readJson(renamed)).dimensions).toEqual(['kg', 'm3', 'colis']);
    const res = await t.api('/organisation', { method: 'PATCH', body: json({ dimensions: ['kg'] }) });
    expect(res.status).toBe(409);
    expect((await readJson(res)).error.message).toMatch(
      /dimensions: cannot go from 3 .* to 1 dimension\(s\) while \d+ vehicle/,
    );
    await t.api('/organisation', { method: 'PATCH', body: json({ dimensions: ['kg', 'm3', 'parcels'] }) });
  });

  it('refuses an unknown country code', async () => {
    const res = await t.api('/organisation', { method: 'PATCH', body: json({ defaultCountry: 'XX' }) });
    expect((await readJson(res)).error.message).toMatch(/defaultCountry/);
  });
});

describe('remembered import mapping', () => {
  it('lets a dispatcher save the column mapping for the next import, and reads it back', async () => {
    const mapping = { 'N° commande': 'ref', 'Nom du client': 'name', Divers: 'ignore' };
    const put = await t.api('/organisation/import-mapping', { method: 'PUT', body: json(mapping), as: 'dispatcher' });
    expect(put.status).toBe(200);
    const org = await readJson(await t.api('/organisation', { as: 'dispatcher' }));
    expect(org.importMapping).toEqual(mapping);
    expect(
      (await t.api('/organisation/import-mapping', { method: 'PUT', body: json(mapping), as: 'driver' })).status,
    ).toBe(403);
  });
});
