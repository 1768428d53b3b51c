import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../../test/harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
type Json = any;

let t: TestApp;
beforeAll(async () => {
  // A limit other than the default, to see the setting reach the import.
  t = await startTestApp({ IMPORT_MAX_DEPOT_DISTANCE_KM: '120' });
  const send = async (path: string, body: unknown) =>
    readJson(await t.api(path, { method: 'POST', body: JSON.stringify(body), as: 'dispatcher' }));
  const depot = await send('/depots', {
    name: 'Lyon',
    location: { lon: 4.835, lat: 45.733 },
    timeZone: 'Europe/Paris',
  });
  const van = await send('/vehicles', { name: 'Van', depotId: depot.id, capacity: [800, 6, 60], skills: ['fridge'] });
  // Monday 22 to Friday 26 March 2027: no shift on the weekend.
  await send('/shift-patterns', {
    vehicleId: van.id,
    weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    start: '08:00',
    end: '17:00',
    validFrom: '2027-03-22',
    validTo: '2027-03-26',
  });
});
afterAll(() => t.close());

const CSV = [
  'ref,name,lat,lon,date,Poids (kg),skills',
  'OK-1,Fine,45.76,4.83,2027-03-23,100,fridge',
  'CAP-1,Heavy,45.76,4.83,2027-03-23,1200,',
  'SKL-1,Crane,45.76,4.83,2027-03-24,10,crane',
  'FAR-1,Marseille,43.30,5.37,2027-03-24,10,',
  'SAT-1,Saturday,45.76,4.83,2027-03-27,10,',
].join('\n');

async function importCsv(query = '', language = 'en') {
  const res = await t.api(`/orders/import${query}`, {
    method: 'POST',
    body: CSV,
    headers: { 'content-type': 'text/csv', 'accept-language': language },
    as: 'dispatcher',
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe('import warnings: rows the fleet cannot serve as it is', () => {
  it('lists each row with its warning in a dry run, and writes nothing', async () => {
    const { status, body } = await importCsv('?dryRun=true');
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, rows: 5, rejected: 0 });
    expect(body.warnings.map((w: Json) => [w.row, w.code])).toEqual([
      [3, 'capacity'],
      [4, 'skill'],
      [5, 'distance'],
      [6, 'no_shift'],
    ]);
    const n = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE org_id = $1', [t.org.id]);
    expect(n.rows[0]!.n).toBe(0);
  });

  it('imports every row (warnings are not errors) and says why each cannot be served, naming the column', async () => {
    const { status, body } = await importCsv();
    expect(status).toBe(200);
    expect(body).toMatchObject({ committed: true, created: 5, rejected: 0, errors: [], warningsTruncated: false });
    expect(body.warnings).toEqual([
      {
        row: 3,
        column: 'Poids (kg)',
        code: 'capacity',
        message:
          'demand 1200 kg is more than any vehicle carries (the largest takes 800 kg): it cannot be planned as it is',
      },
      {
        row: 4,
        column: 'skills',
        code: 'skill',
        message: 'needs the skill "crane", which no vehicle has: it cannot be planned as it is',
      },
      {
        row: 5,
        column: 'lat',
        code: 'distance',
        message: expect.stringMatching(/^is 27\d km from the nearest depot, farther than 120 km/),
      },
      {
        row: 6,
        column: 'date',
        code: 'no_shift',
        message: 'no vehicle has a shift on 2027-03-27: it cannot be planned on its day',
      },
    ]);
    const refs = await t.db.query<{ ref: string }>('SELECT ref FROM orders WHERE org_id = $1 ORDER BY ref', [t.org.id]);
    expect(refs.rows.map((r) => r.ref)).toEqual(['CAP-1', 'FAR-1', 'OK-1', 'SAT-1', 'SKL-1']);
  });

  it('warns again, in French, when the same file comes back unchanged', async () => {
    const { body } = await importCsv('', 'fr');
    expect(body).toMatchObject({ unchanged: 5, rejected: 0 });
    expect(body.warnings.map((w: Json) => w.row)).toEqual([3, 4, 5, 6]);
    expect(body.warnings[3].message).toBe(
      "aucun véhicule n'a de service le 2027-03-27 : elle ne peut pas être planifiée ce jour-là",
    );
  });

  it('counts a weekly pattern’s days beyond the shifts made from it so far', async () => {
    const send = async (path: string, body: unknown) =>
      readJson(await t.api(path, { method: 'POST', body: JSON.stringify(body), as: 'dispatcher' }));
    const [depot] = (await readJson(await t.api('/depots', { as: 'dispatcher' }))).items;
    const van = await send('/vehicles', { name: 'Van 2', depotId: depot.id, capacity: [800, 6, 60] });
    // Open-ended from Monday 3 May 2027: shifts are made five weeks ahead, the pattern says the rest.
    await send('/shift-patterns', {
      vehicleId: van.id,
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '08:00',
      end: '17:00',
      validFrom: '2027-05-03',
    });
    const csv = ['ref,lat,lon,date', 'LATER-1,45.76,4.83,2027-09-07', 'LATER-2,45.76,4.83,2027-09-11'].join('\n');
    const res = await t.api('/orders/import?dryRun=true', {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv' },
      as: 'dispatcher',
    });
    const body = await readJson(res);
    // Tuesday 7 September is a pattern day; Saturday the 11th is not.
    expect(body.warnings.map((w: Json) => [w.row, w.code])).toEqual([[3, 'no_shift']]);
  });
});
