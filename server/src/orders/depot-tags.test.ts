/**
 * The depot and tags intake rules set on an order are part of the order API: the list, the
 * order and the orders feed answer them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const send = async (path: string, body: unknown) =>
  readJson(await t.api(path, { method: 'POST', body: JSON.stringify(body), as: 'dispatcher' }));
const get = async (path: string) => readJson(await t.api(path, { as: 'dispatcher' }));

describe('an order’s depot and tags', () => {
  it('are answered by GET /api/orders and /api/orders/:id as the intake rules set them', async () => {
    const depot = await send('/depots', {
      name: 'Nord',
      location: { lon: 4.85, lat: 45.78 },
      timeZone: 'Europe/Paris',
    });
    await send('/automation-rules', {
      name: 'Marketplace from the north depot',
      when: { all: [{ field: 'Canal', op: 'eq', value: 'amazon' }] },
      // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
      then: { depotId: depot.id, tags: ['marketplace'] },
    });
    const res = await t.api('/orders/import', {
      method: 'POST',
      body: 'ref,name,lat,lon,date,Canal\nDT-1,A,45.76,4.83,2026-03-05,amazon\nDT-2,B,45.76,4.83,2026-03-05,web\n',
      headers: { 'content-type': 'text/csv' },
      as: 'dispatcher',
    });
    expect(res.status).toBe(200);
    const list = (await get('/orders?q=DT-&limit=10')).items as {
      id: string;
      ref: string;
      depotId: string | null;
      tags: string[];
    }[];
    const one = list.find((o) => o.ref === 'DT-1')!;
    expect(one).toMatchObject({ depotId: depot.id, tags: ['marketplace'] });
    expect(list.find((o) => o.ref === 'DT-2')).toMatchObject({ depotId: null, tags: [] });
    expect(await get(`/orders/${one.id}`)).toMatchObject({ ref: 'DT-1', depotId: depot.id, tags: ['marketplace'] });
  });
});
