import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';
import { inlineWorkbook } from '../lib/xlsx-bomb.ts';

const ADMIN = { email: 'cells@example.com', password: 'fault-password-1' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['ref', 'name', 'lat', 'lon', 'date', 'skills'];
const good = (ref: string) => [ref, 'Anne', '45.76', '4.83', '2026-12-01', ''];

// Issue 11, item 6 (imports): a NUL byte in an imported cell, or a cell nested 200,000 levels
// deep, answered 500. Each is now the user's to fix: a 422 naming the row and the column.
describe('import of hostile cells', () => {
  let server: ServerProcess;
  let api: ApiClient;

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_fault_import_cells', ADMIN));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await server?.stop();
  });

  const post = async (body: BodyInit, type: string, query = '') => {
    const res = await fetch(`${server.baseUrl}/api/orders/import${query}`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${api.token}`, 'content-type': type },
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {}
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
    return { status: res.status, body: json as any };
  };
  const csv = (rows: string[][]) => [HEADER, ...rows].map((r) => r.join(',')).join('\n');

  it('rejects a CSV row with a NUL byte, naming its row and column; partial keeps the others', async () => {
    const file = csv([good('N-1'), ['N-2', 'Bru\u0000no', '45.75', '4.84', '2026-12-01', '']]);
    const strict = await post(file, 'text/csv');
    expect(strict.status).toBe(422);
    expect(strict.body.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'name', message: expect.stringMatching(/NUL/) }),
    ]);

    const partial = await post(file, 'text/csv', '?partial=true');
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ committed: true, created: 1, rejected: 1 });
    const rejected = await fetch(`${server.baseUrl}${partial.body.rejectedCsv}`, {
      headers: { authorization: `Bearer ${api.token}` },
    });
    expect(rejected.status).toBe(200);
    expect(await rejected.text()).toContain('Bru\ufffdno');
  });

  it('refuses a header with a NUL byte, naming the column', async () => {
    const res = await post(`ref,na\u0000me,lat,lon,date\n${good('H-1').slice(0, 5).join(',')}`, 'text/csv');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/column 2 .*NUL/);
  });

  it('rejects a JSON cell with a NUL character, naming its row and field', async () => {
    const rows = [
      { ref: 'J-1', name: 'Anne', lat: 45.76, lon: 4.83, date: '2026-12-01' },
      { ref: 'J-2', name: 'Ch\u0000loé', lat: 45.75, lon: 4.84, date: '2026-12-01' },
    ];
    const res = await post(JSON.stringify(rows), 'application/json');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 2, column: 'name' })]);
  });

  it('answers 422 naming the row and field for a JSON cell nested 200,000 levels deep', async () => {
    const n = 200_000;
    const cells = { array: `${'['.repeat(n)}${']'.repeat(n)}`, object: `${'{"a":'.repeat(n)}1${'}'.repeat(n)}` };
    for (const [kind, cell] of Object.entries(cells)) {
      const body =
        '[{"ref":"D-1","name":"Anne","lat":45.76,"lon":4.83,"date":"2026-12-01"},' +
        `{"ref":"D-2","name":"Bruno","lat":45.75,"lon":4.84,"date":"2026-12-01","skills":${cell}}]`;
      const res = await post(body, 'application/json');
      expect(res.status, kind).toBe(422);
      expect(res.body.errors, kind).toEqual([expect.objectContaining({ row: 2, column: 'skills' })]);
    }
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
  });

  it('refuses an XLSX whose cell holds a NUL byte, naming the cell', async () => {
    const book = await inlineWorkbook([HEADER, good('X-1'), ['X-2', 'Zo\u0000é', '45.75', '4.84', '2026-12-01', '']]);
    const res = await post(new Uint8Array(book), XLSX);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/B3 \(row 3, column B\).*NUL/);
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 3, column: 'B' })]);
  });

  it('still imports a normal file afterwards', async () => {
    const res = await post(csv([good('OK-1')]), 'text/csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: true, created: 1 });
  });
});
