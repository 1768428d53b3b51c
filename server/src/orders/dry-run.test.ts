import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const CSV = [
  'N° commande;Nom;Latitude;Longitude;Date;Début créneau;Fin créneau;Divers',
  'DR-1;Alice;45,76;4,83;02/03/2026;08:00;12:00;x',
  'DR-2;Bob;45,75;4,84;02/03/2026;14:00;13:00;y',
  'DR-3;Chloé;45,74;4,85;03/03/2026;09:00;11:00;z',
].join('\r\n');

const post = (query: string) =>
  t.api(`/orders/import${query}`, {
    method: 'POST',
    body: CSV,
    headers: { 'content-type': 'text/csv' },
    as: 'dispatcher',
  });
const count = async () =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE org_id = $1', [t.org.id])).rows[0]!.n;

describe('import dry run', () => {
  it('answers how each column is read, the first rows and the bad rows, and writes nothing', async () => {
    const mapping = encodeURIComponent(JSON.stringify({ 'N° commande': 'ref' }));
    const res = await post(`?dryRun=true&mapping=${mapping}`);
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body).toMatchObject({ dryRun: true, committed: false, importId: null, rows: 3, rejected: 1 });
    expect(body.columns).toEqual([
      { header: 'N° commande', field: 'ref' },
      { header: 'Nom', field: 'name' },
      { header: 'Latitude', field: 'lat' },
      { header: 'Longitude', field: 'lon' },
      { header: 'Date', field: 'date' },
      { header: 'Début créneau', field: 'tw_start' },
      { header: 'Fin créneau', field: 'tw_end' },
      { header: 'Divers', field: null },
    ]);
    expect(body.preview).toHaveLength(3);
    expect(body.preview[2]).toEqual(['DR-3', 'Chloé', '45,74', '4,85', '03/03/2026', '09:00', '11:00', 'z']);
    expect(body.errors).toEqual([expect.objectContaining({ row: 3, column: 'Fin créneau' })]);
    expect(await count()).toBe(0);
    const imports = await t.db.query('SELECT 1 FROM imports WHERE org_id = $1', [t.org.id]);
    expect(imports.rows).toHaveLength(0);
  });

  it('then imports the good rows for real with partial=true', async () => {
    const mapping = encodeURIComponent(JSON.stringify({ 'N° commande': 'ref' }));
    const res = await post(`?partial=true&mapping=${mapping}`);
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({ committed: true, created: 2, rejected: 1 });
    expect(await count()).toBe(2);
  });
});
