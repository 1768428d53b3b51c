/**
 * Orders that require proof of delivery (`require_proof`): read by the import (CSV column, with
 * its French alias), shown and changed by the orders API, on the real app and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
type Json = any;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function importCsv(csv: string, language = 'en') {
  const res = await t.api('/orders/import', {
    method: 'POST',
    body: csv,
    headers: { 'content-type': 'text/csv', 'accept-language': language },
    as: 'dispatcher',
  });
  return { status: res.status, body: (await res.json()) as Json };
}
const orderOf = async (ref: string): Promise<Json> => {
  const { rows } = await t.db.query<{ id: string }>('SELECT id FROM orders WHERE org_id = $1 AND ref = $2', [
    t.org.id,
    ref,
  ]);
  return (await t.api(`/orders/${rows[0]!.id}`)).json();
};

const OLD_HEADER = 'ref,name,address,lat,lon,date';
const old = (ref: string) => `${ref},Client,1 rue Mercière Lyon,45.76,4.83,2026-03-05`;

describe('orders requiring proof of delivery', () => {
  it('imports require_proof, lists it on the order, and keeps re-imports unchanged', async () => {
    const csv = [
      `${OLD_HEADER},Preuve requise`,
      `${old('P1')},photo`,
      `${old('P2')},"Signature, photo"`,
      `${old('P3')},`,
      `${old('P4')},"code, photo"`,
    ].join('\n');
    const first = await importCsv(csv);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 4, rejected: 0 });
    expect(first.body.columns).toContainEqual({ header: 'Preuve requise', field: 'require_proof' });
    expect((await orderOf('P1')).requireProof).toEqual(['photo']);
    expect((await orderOf('P2')).requireProof).toEqual(['photo', 'signature']);
    expect((await orderOf('P3')).requireProof).toEqual([]);
    expect((await orderOf('P4')).requireProof).toEqual(['photo', 'code']);

    const again = await importCsv(csv);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });

  it('keeps an order imported from an older file (no such column) unchanged when that file comes again with it empty', async () => {
    const before = await importCsv([OLD_HEADER, old('Q1'), old('Q2')].join('\n'));
    expect(before.body).toMatchObject({ created: 2 });
    const withColumn = await importCsv([`${OLD_HEADER},proof`, `${old('Q1')},`, `${old('Q2')},photo`].join('\n'));
    expect(withColumn.body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await orderOf('Q2')).requireProof).toEqual(['photo']);
  });

  it('reads requireProof as a list from a JSON import', async () => {
    const res = await t.api('/orders/import', {
      method: 'POST',
      body: JSON.stringify([
        {
          ref: 'J1',
          name: 'Client',
          address: 'Lyon',
          lat: 45.76,
          lon: 4.83,
          date: '2026-03-05',
          requireProof: ['signature', 'photo'],
        },
      ]),
      as: 'dispatcher',
    });
    expect(res.status).toBe(200);
    expect((await orderOf('J1')).requireProof).toEqual(['photo', 'signature']);
  });

  it('rejects an unknown kind of proof naming the row and the column', async () => {
    const csv = [`${OLD_HEADER},Preuve requise`, `${old('U1')},photo`, `${old('U2')},photo;tampon`].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      {
        row: 3,
        column: 'Preuve requise',
        value: 'photo;tampon',
        message:
          '"tampon" is not a kind of proof: write photo, signature or code (the customer\'s delivery code), several as photo,code',
      },
    ]);
    const fr = await importCsv(csv, 'fr');
    expect(fr.body.errors[0].message).toMatch(/« tampon » n'est pas un type de preuve/);
  });

  it('changes the proof an order requires with PATCH, naming requireProof when a kind is unknown', async () => {
    const id = (await orderOf('P3')).id;
    const ok = await t.api(`/orders/${id}`, { method: 'PATCH', body: JSON.stringify({ requireProof: ['signature'] }) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Json).requireProof).toEqual(['signature']);
    expect((await orderOf('P3')).requireProof).toEqual(['signature']);
    // A delivery code: every order has one, told to the customer; required now.
    const code = await t.api(`/orders/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ requireProof: ['signature', 'code'] }),
    });
    expect(code.status).toBe(200);
    expect(((await code.json()) as Json).requireProof).toEqual(['signature', 'code']);
    const stored = await t.db.query<{ delivery_code: string }>('SELECT delivery_code FROM orders WHERE id = $1', [id]);
    expect(stored.rows[0]!.delivery_code).toMatch(/^[0-9]{4}$/);
    const bad = await t.api(`/orders/${id}`, { method: 'PATCH', body: JSON.stringify({ requireProof: ['stamp'] }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).error.message).toMatch(/requireProof/);
  });
});
