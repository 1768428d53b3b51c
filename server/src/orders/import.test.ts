import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
type Json = any;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const HEADER = 'ref,name,phone,address,lat,lon,date,tw_start,tw_end,service_min,demand_kg,notes';
const line = (i: number, notes = '') =>
  `R${i},Client ${i},06 12 34 56 ${String(10 + i).padStart(2, '0')},${i} rue de la Paix Lyon,45.7${i},4.8${i},2026-03-0${(i % 5) + 2},08:00,12:00,5,${i}.5,${notes}`;
const tenRows = (notes = '') =>
  [HEADER, ...Array.from({ length: 10 }, (_, i) => line(i + 1, i === 4 ? notes : ''))].join('\n');

async function importBody(body: RequestInit['body'], contentType: string, query = '', language?: string) {
  const res = await t.api(`/orders/import${query}`, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, ...(language ? { 'accept-language': language } : {}) },
    as: 'dispatcher',
  });
  return { status: res.status, body: (await res.json()) as Json };
}
const orderCount = async () =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE org_id = $1', [t.org.id])).rows[0]!.n;
const orderByRef = async (ref: string) =>
  (await t.db.query<Record<string, unknown>>('SELECT * FROM orders WHERE org_id = $1 AND ref = $2', [t.org.id, ref]))
    .rows[0];

describe('POST /api/orders/import', () => {
  it('imports a 10-row CSV, then reports it unchanged, then one changed row as updated', async () => {
    const first = await importBody(tenRows(), 'text/csv');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ committed: true, rows: 10, created: 10, updated: 0, unchanged: 0, rejected: 0 });
    const r1 = await orderByRef('R1');
    expect(r1).toMatchObject({ phone: '+33612345611', date_from: '2026-03-03', service_s: 300, demand: [1.5, 0, 0] });
    expect(r1!.time_windows).toEqual([{ start: '08:00', end: '12:00' }]);

    const again = await importBody(tenRows(), 'text/csv');
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 10, rejected: 0 });

    const changed = await importBody(tenRows('fragile'), 'text/csv');
    expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 9, rejected: 0 });
    expect((await orderByRef('R5'))!.notes).toBe('fragile');

    const events = await t.db.query<{ details: Record<string, number> }>(
      "SELECT details FROM events WHERE org_id = $1 AND action = 'orders.import' ORDER BY id",
      [t.org.id],
    );
    expect(events.rows.map((e) => [e.details.created, e.details.updated, e.details.unchanged])).toEqual([
      [10, 0, 0],
      [0, 0, 10],
      [0, 1, 9],
    ]);
  });

  const french = [
    'Référence;Client;Téléphone;Adresse;Code postal;Ville;Latitude;Longitude;Date;Début créneau;Fin créneau;Durée (min);Poids (kg);Remarques',
    'FR-1;Hélène Dupré;04 78 00 00 01;12 rue Mercière;69002;Lyon;45,7621;4,8331;05/03/2026;8h00;12h00;7,5;12,5;Sonner à l’interphone – 2ᵉ étage',
    'FR-2;Jérôme Bœuf;;3 place Bellecour;69002;Lyon;45,7578;4,8320;06/03/2026;14:00;18:00;5;3;Accès côté café',
  ].join('\r\n');

  it('imports a French ; CSV in UTF-8 with a BOM with its accents intact', async () => {
    const { status, body } = await importBody(`\ufeff${french}`, 'text/csv; charset=utf-8');
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: 2, rejected: 0 });
    const o = await orderByRef('FR-1');
    expect(o).toMatchObject({
      name: 'Hélène Dupré',
      address: '12 rue Mercière, 69002 Lyon',
      date_from: '2026-03-05',
      service_s: 450,
    });
    expect(o!.notes).toBe('Sonner à l’interphone – 2ᵉ étage');
    expect(o!.time_windows).toEqual([{ start: '08:00', end: '12:00' }]);
  });

  it('imports the same French CSV saved in Windows-1252 with its accents intact', async () => {
    const bytes = iconv.encode(french.replace(/FR-/g, 'W-').replace('2ᵉ', '2e'), 'win1252');
    const { status, body } = await importBody(bytes, 'text/csv');
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: 2, rejected: 0 });
    expect(await orderByRef('W-2')).toMatchObject({ name: 'Jérôme Bœuf', notes: 'Accès côté café' });
    expect((await orderByRef('W-1'))!.notes).toBe('Sonner à l’interphone – 2e étage');
  });

  it('imports an XLSX file, with date and time cells, from a multipart form', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Livraisons');
    ws.addRow([
      'Référence',
      'Client',
      'Adresse',
      'Latitude',
      'Longitude',
      'Date',
      'Début créneau',
      'Fin créneau',
      'Poids (kg)',
    ]);
    ws.addRow([
      'X-1',
      'Zoé Ménard',
      '1 quai Saint-Antoine, Lyon',
      45.764,
      4.8305,
      new Date(Date.UTC(2026, 2, 9)),
      new Date(Date.UTC(1899, 11, 30, 9, 30)),
      new Date(Date.UTC(1899, 11, 30, 11, 0)),
      20,
    ]);
    ws.addRow(['X-2', 'Loïc', '2 rue Victor Hugo, Lyon', 45.755, 4.832, '10/03/2026', '14h', '16h', '2,5']);
    ws.getColumn(6).numFmt = 'dd/mm/yyyy';
    ws.getColumn(7).numFmt = 'hh:mm';
    ws.getColumn(8).numFmt = 'hh:mm';
    const form = new FormData();
    form.append('partial', 'false');
    form.append('file', new Blob([await wb.xlsx.writeBuffer()]), 'livraisons.xlsx');
    const res = await t.api('/orders/import', { method: 'POST', body: form, as: 'admin' });
    const body = (await res.json()) as Json;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ created: 2, rejected: 0 });
    expect(await orderByRef('X-1')).toMatchObject({
      name: 'Zoé Ménard',
      date_from: '2026-03-09',
      demand: [20, 0, 0],
      time_windows: [{ start: '09:30', end: '11:00' }],
    });
    expect(await orderByRef('X-2')).toMatchObject({ date_from: '2026-03-10', demand: [2.5, 0, 0] });
  });

  it('reads the sheet named by ?sheet=', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['nothing to see']);
    const ws = wb.addWorksheet('Tournée');
    ws.addRow(['ref', 'date', 'lat', 'lon']);
    ws.addRow(['S-1', '2026-03-09', 45.7, 4.8]);
    const res = await t.api('/orders/import?sheet=tourn%C3%A9e', {
      method: 'POST',
      body: Buffer.from(await wb.xlsx.writeBuffer()),
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(((await res.json()) as Json).created).toBe(1);
  });

  it('takes a tab-separated CSV from a multipart form, with partial as a form field', async () => {
    const form = new FormData();
    form.append('partial', 'true');
    const tsv = 'Référence\tDate\tLatitude\tLongitude\nT-1\t12/03/2026\t45,7\t4,8\nT-2\t31/02/2026\t45,7\t4,8\n';
    form.append('file', new Blob([tsv], { type: 'text/csv' }), 'export.csv');
    const res = await t.api('/orders/import', { method: 'POST', body: form });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ partial: true, created: 1, rejected: 1 });
    expect(body.errors[0]).toMatchObject({ row: 3, column: 'Date', value: '31/02/2026' });
    const bytes = Buffer.from(await (await t.api(body.rejectedCsv.replace('/api', ''))).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so Excel reads UTF-8
    expect(bytes.subarray(3).toString('utf8')).toBe(
      'Référence\tDate\tLatitude\tLongitude\terror\r\nT-2\t31/02/2026\t45,7\t4,8\trow 3, Date: is not a valid calendar date\r\n',
    );
  });

  it('words the rejected-rows CSV in the language the download asks for', async () => {
    const csv = 'ref;date;lat;lon\nF-1;2026-03-12;45.7;4.8\nF-2;2026-02-31;45.7;4.8\n';
    const { body } = await importBody(csv, 'text/csv', '?partial=true', 'fr');
    const fr = await t.api(body.rejectedCsv.replace('/api', ''), { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    expect(
      (await fr.text())
        .replace(/^\ufeff/, '')
        .split('\r\n')
        .slice(0, 2),
    ).toEqual(['ref;date;lat;lon;erreur', `F-2;2026-02-31;45.7;4.8;ligne 3, date: ${body.errors[0].message}`]);
    const en = await t.api(body.rejectedCsv.replace('/api', ''), { headers: { 'accept-language': 'en-GB' } });
    expect((await en.text()).split('\r\n')[1]).toContain(';row 3, date: ');
  });

  it('imports a JSON array, with a mapping for an unusual header', async () => {
    const rows = [{ 'N° de bon': 'J-1', Date: '2026-03-11', lat: 45.7, lon: 4.85, skills: ['frigo'] }];
    const mapping = encodeURIComponent(JSON.stringify({ 'N° de bon': 'ref' }));
    const { status, body } = await importBody(JSON.stringify(rows), 'application/json', `?mapping=${mapping}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: 1 });
    expect((await orderByRef('J-1'))!.skills).toEqual(['frigo']);
  });

  const bad = [
    'ref,name,address,lat,lon,date,tw_start,tw_end,demand_kg',
    'B-1,Good one,1 rue A Lyon,45.75,4.85,2026-03-12,08:00,10:00,1',
    'B-2,No place,,,,2026-03-12,,,1',
    'B-3,Far north,,123,4.85,2026-03-12,,,1',
    'B-4,Backwards,3 rue C Lyon,45.75,4.85,2026-03-12,12:00,09:00,1',
    'B-5,Heavy,4 rue D Lyon,45.75,4.85,2026-03-12,,,abc',
    'B-6,Good too,5 rue E Lyon,45.76,4.86,2026-03-12,,,2',
  ].join('\n');

  it('rejects a file with bad rows with 422 naming exactly those rows and columns, writing nothing', async () => {
    const before = await orderCount();
    const { status, body } = await importBody(bad, 'text/csv');
    expect(status).toBe(422);
    expect(body).toMatchObject({
      committed: false,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: 4,
      error: { code: 'unprocessable' },
    });
    expect(body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, 'address'],
      [4, 'lat'],
      [5, 'tw_end'],
      [6, 'demand_kg'],
    ]);
    expect(body.errors[3]).toMatchObject({ value: 'abc' });
    expect(await orderCount()).toBe(before);

    const csv = await t.api(body.rejectedCsv.replace('/api', ''), { as: 'dispatcher' });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    const lines = text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('ref,name,address,lat,lon,date,tw_start,tw_end,demand_kg,error');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['B-2', 'B-3', 'B-4', 'B-5']);
    expect(lines[4]).toContain('row 6, demand_kg: is not a number');
  });

  it('explains the rows and columns in French to a dispatcher whose app is in French', async () => {
    const { status, body } = await importBody(bad, 'text/csv', '', 'fr-FR,fr;q=0.9,en;q=0.5');
    expect(status).toBe(422);
    expect(body.error.message).toMatch(/^4 lignes rejetées, rien n'a été importé : corrigez-les,/);
    expect(body.errors.map((e: { column: string; message: string }) => [e.column, e.message])).toEqual([
      ['address', 'est vide et il n’y a ni lat ni lon : donnez une adresse ou des coordonnées'],
      ['lat', "n'est pas une latitude : elle doit être comprise entre -90 et 90"],
      ['tw_end', 'finit à 09:00, pas après le début du créneau 12:00'],
      ['demand_kg', "n'est pas un nombre"],
    ]);
    const header = await importBody('ref,date,lat,lon,demand_pallets\nA,2026-03-12,45,4,1', 'text/csv', '', 'fr');
    expect(header.body.error.message).toMatch(
      /^La ligne d'en-tête a des problèmes : demand_pallets: « pallets » n'est pas une dimension/,
    );
    const unclosed = await importBody(
      `ref,date,lat,lon\nQ1,2026-03-12,45,"4\n${'x,'.repeat(10)}`,
      'text/csv',
      '',
      'fr',
    );
    expect(unclosed.body.error.message).toBe(
      "Le CSV n'a pas pu être lu : une cellule entre guillemets qui commence ligne 2 n'est jamais fermée",
    );
    const empty = await importBody('', 'text/csv', '', 'fr');
    expect(empty.body.error.message).toMatch(/^Le fichier est vide/);
    // Without a French preference, English.
    const english = await importBody(bad, 'text/csv', '', 'de-DE,en;q=0.8');
    expect(english.body.errors[3].message).toBe('is not a number');
  });

  it('writes the good rows with partial=true and reports the rest', async () => {
    const { status, body } = await importBody(bad, 'text/csv', '?partial=true');
    expect(status).toBe(200);
    expect(body).toMatchObject({ committed: true, partial: true, created: 2, rejected: 4 });
    expect(await orderByRef('B-1')).toBeDefined();
    expect(await orderByRef('B-6')).toBeDefined();
    expect(await orderByRef('B-5')).toBeUndefined();
  });

  it('reports a changed row of a dispatched order as a conflict', async () => {
    await t.db.query("UPDATE orders SET status = 'dispatched' WHERE org_id = $1 AND ref = 'R2'", [t.org.id]);
    const { status, body } = await importBody(tenRows().replace('Client 2,', 'Client deux,'), 'text/csv');
    expect(status).toBe(422);
    expect(body.errors).toEqual([expect.objectContaining({ row: 3, column: 'ref', value: 'R2' })]);
    expect(body.errors[0].message).toMatch(/conflict.*dispatched/);
  });

  it('names an unknown demand dimension and a duplicate ref', async () => {
    const unknown = await importBody('ref,date,lat,lon,demand_pallets\nA,2026-03-12,45,4,1', 'text/csv');
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ row: 1, column: 'demand_pallets' })]);
    const dup = await importBody('ref,date,lat,lon\nD1,2026-03-12,45,4\nD1,2026-03-13,45,4', 'text/csv');
    expect(dup.body.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'ref', message: expect.stringMatching(/row 2/) }),
    ]);
  });

  it('answers 422 for a CSV that cannot be read, saying why', async () => {
    const { status, body } = await importBody(`ref,date,lat,lon\nQ1,2026-03-12,45,"4\n${'x,'.repeat(10)}`, 'text/csv');
    expect(status).toBe(422);
    expect(body).toMatchObject({ created: 0, rejected: 0, error: { code: 'unprocessable' } });
    expect(body.error.message).toBe('The CSV could not be read: a quoted cell that starts on row 2 is never closed');
  });

  it('answers 401 without a token and 403 to a driver', async () => {
    const anon = await t.api('/orders/import', {
      method: 'POST',
      body: tenRows(),
      headers: { 'content-type': 'text/csv' },
      as: null,
    });
    expect(anon.status).toBe(401);
    const driver = await t.api('/orders/import', {
      method: 'POST',
      body: tenRows(),
      headers: { 'content-type': 'text/csv' },
      as: 'driver',
    });
    expect(driver.status).toBe(403);
  });
});
