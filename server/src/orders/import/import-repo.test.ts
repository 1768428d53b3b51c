import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../../test/harness.ts';
import { orderWrite } from '../../../test/support/order-write.ts';
import { TEST_DATABASE_URL } from '../../../test/test-db.ts';
import { createPgDb } from '../../db/pg-adapter.ts';
import { insertImport, upsertOrders } from './import-repo.ts';

const db = createPgDb(TEST_DATABASE_URL, { max: 2 });
let orgId: string;
let importId: string;
beforeAll(async () => {
  orgId = (await createTestOrg(db)).id;
  importId = await insertImport(db, {
    orgId,
    userId: null,
    filename: 'batch.csv',
    format: 'csv',
    partial: false,
    columns: [],
    delimiter: ',',
  });
});
afterAll(() => db.close());

const row = orderWrite;

const stored = async (refs: string[]) =>
  (
    await db.query(
      `SELECT ref, email, demand, skills, tags, time_windows, ST_X(location::geometry) AS lon,
              pickup_address, ST_X(pickup_location::geometry) AS pickup_lon, pickup_time_windows
         FROM orders WHERE org_id = $1 AND ref = ANY($2) ORDER BY ref`,
      [orgId, refs],
    )
  ).rows;

const origin = () => ({ importId, source: 'import' as const });
const gerland = { address: 'Gerland', lon: 4.8309, lat: 45.7296, timeWindows: [{ start: '07:00', end: '08:00' }] };

describe('writing a batch of imported orders', () => {
  it('stores a value the whole batch shares (sent once) as it stores one that varies by row', async () => {
    // The same pickup, email and skills on every row, demand and coordinates varying.
    const same = ['S-1', 'S-2', 'S-3'].map((ref, i) =>
      row(ref, {
        pickup: gerland,
        email: 'ops@shop.fr',
        skills: ['fridge'],
        demand: [i, 0, 1],
        lon: [4.8, 4.81, 4.82][i]!,
      }),
    );
    expect(await upsertOrders(db, orgId, same, origin())).toEqual({ created: 3, updated: 0, conflicts: [] });
    // A mix: pickups on some rows only, tags on one.
    const mixed = [row('M-1', { pickup: gerland }), row('M-2'), row('M-3', { tags: ['urgent'] })];
    expect(await upsertOrders(db, orgId, mixed, origin())).toEqual({ created: 3, updated: 0, conflicts: [] });

    const rows = await stored(['S-1', 'S-2', 'S-3', 'M-1', 'M-2', 'M-3']);
    expect(rows.map((r) => [r.ref, r.email, r.skills, r.demand, r.lon, r.pickup_address, r.pickup_lon])).toEqual([
      ['M-1', null, [], [12.5, 0, 1], 4.83, 'Gerland', 4.8309],
      ['M-2', null, [], [12.5, 0, 1], 4.83, null, null],
      ['M-3', null, [], [12.5, 0, 1], 4.83, null, null],
      ['S-1', 'ops@shop.fr', ['fridge'], [0, 0, 1], 4.8, 'Gerland', 4.8309],
      ['S-2', 'ops@shop.fr', ['fridge'], [1, 0, 1], 4.81, 'Gerland', 4.8309],
      ['S-3', 'ops@shop.fr', ['fridge'], [2, 0, 1], 4.82, 'Gerland', 4.8309],
    ]);
    expect(rows.map((r) => r.tags)).toEqual([[], [], ['urgent'], [], [], []]);
    expect(rows[0].pickup_time_windows).toEqual([{ start: '07:00', end: '08:00' }]);
    expect(rows[1].pickup_time_windows).toEqual([]);
    expect(rows[3].time_windows).toEqual([{ start: '08:00', end: '11:00' }]);
  });

  it('updates changed rows, leaves unchanged ones, and a one-row batch works', async () => {
    const again = [row('U-1'), row('U-2')];
    await upsertOrders(db, orgId, again, origin());
    const ids = async () =>
      (await db.query('SELECT ref, id FROM orders WHERE org_id = $1 AND ref LIKE $2 ORDER BY ref', [orgId, 'U-%']))
        .rows;
    const before = await ids();
    const changed = [row('U-1'), row('U-2', { email: 'new@shop.fr' })];
    expect(await upsertOrders(db, orgId, changed, origin())).toEqual({ created: 0, updated: 1, conflicts: [] });
    expect((await stored(['U-2']))[0].email).toBe('new@shop.fr');
    // The batch carries a fresh id for every row (import-columns.ts): an order updated keeps its own.
    expect(await ids()).toEqual(before);
    expect(await upsertOrders(db, orgId, [row('U-3', { pickup: gerland })], origin())).toMatchObject({ created: 1 });
    expect((await stored(['U-3']))[0].pickup_lon).toBe(4.8309);
  });

  it("refuses orders that name an import that does not exist, and clears an import's references when it is deleted", async () => {
    const missing = { importId: '00000000-0000-4000-8000-000000000000', source: 'import' as const };
    await expect(upsertOrders(db, orgId, [row('X-1'), row('X-2')], missing)).rejects.toMatchObject({ code: '23503' });
    expect(await stored(['X-1', 'X-2'])).toEqual([]);
    // An update that names a missing import is refused too; one that leaves the import alone is not checked.
    await upsertOrders(db, orgId, [row('X-3')], origin());
    const renamed = db.query(`UPDATE orders SET last_import_id = $3 WHERE org_id = $1 AND ref = $2`, [
      orgId,
      'X-3',
      missing.importId,
    ]);
    await expect(renamed).rejects.toMatchObject({ code: '23503' });
    await db.query(`UPDATE orders SET notes = 'digicode 1234' WHERE org_id = $1 AND ref = 'X-3'`, [orgId]);
    // Deleting an import leaves its orders, without the reference (as ON DELETE SET NULL did).
    const other = await insertImport(db, {
      orgId,
      userId: null,
      filename: 'gone.csv',
      format: 'csv',
      partial: false,
      columns: [],
      delimiter: ',',
    });
    await upsertOrders(db, orgId, [row('X-4')], { importId: other, source: 'import' });
    await db.query('DELETE FROM imports WHERE id = $1', [other]);
    const left = await db.query<{ import_id: string | null; last_import_id: string | null; notes: string }>(
      `SELECT import_id, last_import_id, notes FROM orders WHERE org_id = $1 AND ref = ANY($2) ORDER BY ref`,
      [orgId, ['X-3', 'X-4']],
    );
    expect(left.rows).toEqual([
      { import_id: importId, last_import_id: importId, notes: 'digicode 1234' },
      { import_id: null, last_import_id: null, notes: '' },
    ]);
  });

  it('refuses orders that name an organisation or depot that does not exist, and keeps a named one from being deleted', async () => {
    const nowhere = '00000000-0000-4000-8000-000000000001';
    const depot = (
      await db.query<{ id: string }>(
        `INSERT INTO depots (org_id, name, location, time_zone)
         VALUES ($1, 'Gerland', ST_SetSRID(ST_MakePoint(4.83, 45.73), 4326)::geography, 'Europe/Paris') RETURNING id`,
        [orgId],
      )
    ).rows[0]!.id;
    await expect(upsertOrders(db, nowhere, [row('D-1')], origin())).rejects.toMatchObject({ code: '23503' });
    await expect(upsertOrders(db, orgId, [row('D-1', { depotId: nowhere })], origin())).rejects.toMatchObject({
      code: '23503',
    });
    expect(await stored(['D-1'])).toEqual([]);
    // Several rows naming one depot, and rows naming none, in one statement.
    await upsertOrders(
      db,
      orgId,
      [row('D-2', { depotId: depot }), row('D-3', { depotId: depot }), row('D-4')],
      origin(),
    );
    const moved = db.query(`UPDATE orders SET depot_id = $3 WHERE org_id = $1 AND ref = $2`, [orgId, 'D-4', nowhere]);
    await expect(moved).rejects.toMatchObject({ code: '23503' });
    await expect(db.query('DELETE FROM depots WHERE id = $1', [depot])).rejects.toMatchObject({ code: '23503' });
    await expect(db.query('DELETE FROM organisations WHERE id = $1', [orgId])).rejects.toMatchObject({
      code: '23503',
    });
    const left = await db.query<{ ref: string; depot_id: string | null }>(
      `SELECT ref, depot_id FROM orders WHERE org_id = $1 AND ref = ANY($2) ORDER BY ref`,
      [orgId, ['D-2', 'D-3', 'D-4']],
    );
    expect(left.rows).toEqual([
      { ref: 'D-2', depot_id: depot },
      { ref: 'D-3', depot_id: depot },
      { ref: 'D-4', depot_id: null },
    ]);
    // Once no order names it, the depot can go.
    await db.query(`UPDATE orders SET depot_id = NULL WHERE org_id = $1 AND depot_id = $2`, [orgId, depot]);
    await db.query('DELETE FROM depots WHERE id = $1', [depot]);
  });
});
