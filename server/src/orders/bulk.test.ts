import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
type Json = any;

let t: TestApp;
let ids: string[];
beforeAll(async () => {
  t = await startTestApp();
  const rows = Array.from(
    { length: 50 },
    (_, i) => `B${String(i).padStart(2, '0')},Client ${i},${i} rue Mercière Lyon,45.76,4.83,2026-04-01,2026-04-01`,
  );
  // One name a spreadsheet would run as a formula: the export must defuse it.
  rows.push('X1,=HYPERLINK("http://evil"),1 quai Rhône Lyon,45.76,4.84,2026-05-01,2026-05-01');
  const csv = ['ref,name,address,lat,lon,date_from,date_to', ...rows].join('\n');
  const res = await t.api('/orders/import', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
  expect(res.status).toBe(200);
  const list = (await (await t.api('/orders?q=B&limit=100&from=2026-04-01&to=2026-04-01')).json()) as Json;
  ids = list.items.map((o: { id: string }) => o.id);
  expect(ids).toHaveLength(50);
});
afterAll(() => t.close());

const bulk = async (body: unknown) => {
  const res = await t.api('/orders/bulk', { method: 'POST', body: JSON.stringify(body), as: 'dispatcher' });
  return { status: res.status, body: (await res.json()) as Json };
};
const order = async (id: string) => (await (await t.api(`/orders/${id}`)).json()) as Json;

describe('POST /api/orders/bulk', () => {
  it('changes 50 orders in one call, refusing a dispatched one with its reason and changing the others', async () => {
    // A published route's order: the state the lifecycle leaves it in once dispatched.
    await t.db.query(`UPDATE orders SET status = 'dispatched' WHERE id = $1`, [ids[7]]);
    const { status, body } = await bulk({
      ids,
      set: { priority: 3, dateFrom: '2026-04-06', dateTo: '2026-04-07', notes: 'Sonner deux fois' },
    });
    expect(status).toBe(200);
    expect(body.results).toHaveLength(50);
    const refused = body.results.filter((r: Json) => !r.ok);
    expect(refused).toEqual([{ id: ids[7], ok: false, code: 'conflict', reason: expect.stringMatching(/dispatched/) }]);
    for (const id of ids.filter((_, i) => i !== 7)) {
      expect(await order(id)).toMatchObject({ priority: 3, dateFrom: '2026-04-06', notes: 'Sonner deux fois' });
    }
    expect(await order(ids[7]!)).toMatchObject({ priority: 0, dateFrom: '2026-04-01' });
    const audit = await t.db.query<{ action: string; n: string }>(
      `SELECT action, count(*) AS n FROM events WHERE org_id = $1 AND action IN ('order.update', 'order.bulk_edit')
        GROUP BY action ORDER BY action`,
      [t.org.id],
    );
    expect(audit.rows).toEqual([
      { action: 'order.bulk_edit', n: '1' },
      { action: 'order.update', n: '49' },
    ]);
  });

  it('answers each bad id and each invalid value, and changes nothing for them', async () => {
    const { body } = await bulk({
      ids: [ids[0], 'nope', ids[1]],
      set: { timeWindows: [{ start: '12:00', end: '09:00' }] },
    });
    expect(body.results.map((r: Json) => [r.ok, r.code])).toEqual([
      [false, 'unprocessable'],
      [false, 'not_found'],
      [false, 'unprocessable'],
    ]);
    expect(body.results[0].reason).toMatch(/timeWindows/);
  });

  it('holds and releases orders through the lifecycle', async () => {
    const two = [ids[10]!, ids[11]!];
    const held = await bulk({ ids: two, set: { hold: { reason: 'client absent' } } });
    expect(held.body.results).toEqual(two.map((id) => ({ id, ok: true })));
    expect((await order(ids[10]!)).status).toBe('on_hold');
    const released = await bulk({ ids: two, set: { hold: false } });
    expect(released.body.results.every((r: Json) => r.ok)).toBe(true);
    expect((await order(ids[11]!)).status).toBe('imported');
    const audit = await t.db.query(
      `SELECT action FROM events WHERE org_id = $1 AND action IN ('order.hold', 'order.release')`,
      [t.org.id],
    );
    expect(audit.rows.length).toBe(4);
  });

  it('refuses more than 500 ids and names the field', async () => {
    const { status, body } = await bulk({ ids: Array(501).fill(ids[0]), set: { priority: 1 } });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/ids/);
  });
});

describe('GET /api/orders/export', () => {
  it('exports the filtered list as CSV, formula cells defused', async () => {
    const res = await t.api('/orders/export?from=2026-05-01&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ref,name,phone,email,address,lat,lon,date_from,date_to/);
    expect(lines[1]).toMatch(/^X1,"'=HYPERLINK\(""http:\/\/evil""\)",/);
  });

  it('exports XLSX that opens with exceljs', async () => {
    const res = await t.api('/orders/export?q=B&format=xlsx');
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(51);
    expect(sheet.getRow(1).getCell(1).value).toBe('ref');
    const refs = sheet.getColumn(1).values.slice(2);
    expect(refs).toHaveLength(50);
    expect(refs).toContain('B00');
    expect(refs).toContain('B49');
  });

  it('names a bad format', async () => {
    const res = await t.api('/orders/export?format=pdf');
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).error.message).toMatch(/format/);
  });
});
