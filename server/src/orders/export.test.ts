import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

// Every kind of field an order has, pickup and delivery orders included, west of Greenwich
// (negative longitudes) and with a phone, so nothing an export writes is left behind.
const ORDERS = [
  {
    ref: 'RT-1',
    name: 'Boulangerie Bellecour',
    phone: '+33612345678',
    email: 'pain@example.com',
    address: 'Place Bellecour, Lyon',
    lat: 45.7578,
    lon: 4.832,
    date_from: '2026-09-01',
    date_to: '2026-09-03',
    tw_start: '08:00',
    tw_end: '10:00',
    tw2_start: '14:00',
    tw2_end: '16:30',
    service_min: 7.5,
    demand_kg: 120,
    demand_parcels: 3,
    skills: 'frigo,hayon',
    priority: 5,
    require_proof: 'signature,code',
    notes: 'Sonner, puis "attendre", merci',
    pickup_address: 'Minoterie, Vaise',
    pickup_lat: 45.7745,
    pickup_lon: 4.8055,
    pickup_tw_start: '06:30',
    pickup_tw_end: '07:30',
  },
  {
    ref: 'RT-2',
    name: 'Cave Chartrons',
    address: 'Quai des Chartrons, Bordeaux',
    lat: 44.8537,
    lon: -0.5701,
    date_from: '2026-09-02',
    pickup_address: 'Entrepôt Bègles',
    pickup_lat: 44.8071,
    pickup_lon: -0.5483,
  },
  {
    ref: 'RT-3',
    name: 'Fleuriste',
    address: '2 rue de la République, Lyon',
    lat: 45.76,
    lon: 4.836,
    date_from: '2026-09-02',
  },
];

const exported = async (format: 'csv' | 'xlsx') =>
  t.api(`/orders/export?from=2026-09-01&to=2026-09-30&format=${format}`);

const reimport = async (body: RequestInit['body'], contentType: string) =>
  readJson(await t.api('/orders/import', { method: 'POST', body, headers: { 'content-type': contentType } }));

describe('orders export', () => {
  it('names its columns as the import does, pickup included, and imports back unchanged (CSV and XLSX)', async () => {
    const created = await readJson(
      await t.api('/orders', { method: 'POST', body: JSON.stringify({ orders: ORDERS }) }),
    );
    expect(created.results.map((r: { status: string }) => r.status)).toEqual(['created', 'created', 'created']);

    const csv = await (await exported('csv')).text();
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    const header = lines[0]!.split(',');
    expect(header).toEqual([
      'ref',
      'name',
      'phone',
      'email',
      'address',
      'lat',
      'lon',
      'date_from',
      'date_to',
      'tw_start',
      'tw_end',
      'tw2_start',
      'tw2_end',
      'service_min',
      'demand_kg',
      'demand_m3',
      'demand_parcels',
      'skills',
      'priority',
      'require_proof',
      'notes',
      'pickup_address',
      'pickup_lat',
      'pickup_lon',
      'pickup_tw_start',
      'pickup_tw_end',
      'status',
    ]);
    expect(lines).toHaveLength(4);
    // A coordinate west of Greenwich and a phone number are written as they are, not defused.
    expect(lines[2]).toContain(',44.8537,-0.5701,');
    expect(lines[2]).toContain(',Entrepôt Bègles,44.8071,-0.5483,,,imported');
    expect(lines[1]).toContain(',+33612345678,');
    expect(lines[1]).toContain(',"Minoterie, Vaise",45.7745,4.8055,06:30,07:30,imported');

    // The file as exported, imported again: every order is unchanged, nothing reported.
    const again = await reimport(csv, 'text/csv');
    expect(again).toMatchObject({ committed: true, rows: 3, created: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(again.ignoredColumns).toEqual(['status']);

    const xlsx = Buffer.from(await (await exported('xlsx')).arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, ...header]);
    const fromXlsx = await reimport(
      new Uint8Array(xlsx),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(fromXlsx).toMatchObject({ committed: true, rows: 3, unchanged: 3, rejected: 0 });
  });

  it('restores from its file what was changed since: the pickup comes back, a pickup added is cleared', async () => {
    const csv = await (await exported('csv')).text();
    const list = await readJson(await t.api('/orders?from=2026-09-01&to=2026-09-30'));
    const id = (ref: string) => list.items.find((o: { ref: string }) => o.ref === ref).id as string;
    // RT-1 loses its pickup, RT-3 gets one.
    expect(
      (await t.api(`/orders/${id('RT-1')}`, { method: 'PATCH', body: JSON.stringify({ pickup: null }) })).status,
    ).toBe(200);
    const patched = await t.api(`/orders/${id('RT-3')}`, {
      method: 'PATCH',
      body: JSON.stringify({ pickup: { address: 'Halles', location: { type: 'Point', coordinates: [4.85, 45.76] } } }),
    });
    expect(patched.status).toBe(200);

    const back = await reimport(csv, 'text/csv');
    expect(back).toMatchObject({ committed: true, updated: 2, unchanged: 1, rejected: 0 });
    const rt1 = await readJson(await t.api(`/orders/${id('RT-1')}`));
    expect(rt1.pickup).toEqual({
      address: 'Minoterie, Vaise',
      location: { type: 'Point', coordinates: [4.8055, 45.7745] },
      timeWindows: [{ start: '06:30', end: '07:30' }],
    });
    expect((await readJson(await t.api(`/orders/${id('RT-3')}`))).pickup).toBeNull();
  });
});

describe('PATCH /api/orders/:id pickup', () => {
  let id: string;
  beforeAll(async () => {
    const created = await readJson(
      await t.api('/orders', {
        method: 'POST',
        body: JSON.stringify({
          orders: [
            {
              ref: 'PP-1',
              name: 'Épicerie',
              address: '5 rue Mercière, Lyon',
              lat: 45.763,
              lon: 4.832,
              date: '2026-10-01',
            },
          ],
        }),
      }),
    );
    id = created.results[0].id;
  });
  const patch = async (body: unknown) => {
    const res = await t.api(`/orders/${id}`, { method: 'PATCH', body: JSON.stringify(body), as: 'dispatcher' });
    return { status: res.status, body: await readJson(res) };
  };

  it('sets a pickup with its window, keeps it through other changes, and clears it', async () => {
    const set = await patch({
      pickup: {
        address: 'Marché de gros, Corbas',
        location: { type: 'Point', coordinates: [4.9, 45.67] },
        timeWindows: [{ start: '05:00', end: '06:00' }],
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.pickup).toEqual({
      address: 'Marché de gros, Corbas',
      location: { type: 'Point', coordinates: [4.9, 45.67] },
      timeWindows: [{ start: '05:00', end: '06:00' }],
    });
    const other = await patch({ notes: 'Porte arrière' });
    expect(other.body).toMatchObject({ notes: 'Porte arrière', pickup: { address: 'Marché de gros, Corbas' } });
    const cleared = await patch({ pickup: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.pickup).toBeNull();
  });

  it('names the pickup field of a bad window, and of a pickup it cannot place (no geocoder)', async () => {
    const backwards = await patch({
      pickup: {
        address: 'Corbas',
        location: { type: 'Point', coordinates: [4.9, 45.67] },
        timeWindows: [{ start: '09:00', end: '08:00' }],
      },
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.details).toEqual([expect.objectContaining({ field: 'pickup.timeWindows' })]);
    const unplaced = await patch({ pickup: { address: 'Corbas' } });
    expect(unplaced.status).toBe(422);
    expect(unplaced.body.error.details).toEqual([expect.objectContaining({ field: 'pickup.address' })]);
    const unknown = await patch({ pickup: { address: 'Corbas', where: 'there' } });
    expect(unknown.status).toBe(400);
    expect((await readJson(await t.api(`/orders/${id}`))).pickup).toBeNull();
  });
});
