import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';
import { inlineWorkbook, sharedStringsBomb, sheetBomb } from '../lib/xlsx-bomb.ts';

const ADMIN = { email: 'bomb@example.com', password: 'fault-password-1' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// Small, so that a too-large upload is quick to send; every bomb below weighs less.
const MAX_BYTES = 1024 * 1024;

/** The server process's peak resident memory so far (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(m[1]) / 1024;
}

// Issue 11, item 2: a 3.9 MB XLSX whose shared strings expanded to 1.1 GB took the server to
// 1.7 GB RSS, and four at once killed it. Every limit is checked while the archive inflates.
describe('import of zip bombs and oversized uploads', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let bombs: { label: string; body: Buffer; limit: RegExp }[];

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_fault_import_bomb', ADMIN, {
      IMPORT_MAX_BYTES: String(MAX_BYTES),
    }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const strings = await sharedStringsBomb(512);
    bombs = [
      { label: 'shared strings of 512 MB', body: strings, limit: /IMPORT_MAX_SHARED_STRING_CHARS/ },
      {
        label: 'shared strings behind data descriptors',
        body: await sharedStringsBomb(512, { descriptor: true }),
        limit: /IMPORT_MAX_SHARED_STRING_CHARS/,
      },
      {
        label: 'shared strings declaring 1 KB',
        body: await sharedStringsBomb(512, { declaredSize: 1000 }),
        limit: /IMPORT_MAX_SHARED_STRING_CHARS/,
      },
      { label: 'a sheet of 300 MB', body: await sheetBomb(300), limit: /IMPORT_MAX_ENTRY_BYTES/ },
    ];
    for (const b of bombs) expect(b.body.length, b.label).toBeLessThan(MAX_BYTES);
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** POSTs a file to the import, as a raw body or as the `file` of a form. */
  const post = async (file: Buffer, type: string, multipart: boolean) => {
    const bytes = new Uint8Array(file);
    let body: BodyInit = bytes;
    const headers: Record<string, string> = { authorization: `Bearer ${api.token}` };
    if (multipart) {
      const form = new FormData();
      form.append('file', new Blob([bytes], { type }), type === XLSX ? 'orders.xlsx' : 'orders.csv');
      body = form;
    } else headers['content-type'] = type;
    const started = Date.now();
    const res = await fetch(`${server.baseUrl}/api/orders/import`, { method: 'POST', body, headers });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text), ms: Date.now() - started };
  };

  it('refuses four bombs sent at once with 422 naming the limit, in seconds, in little memory', async () => {
    const answers = await Promise.all(bombs.map((b, i) => post(b.body, XLSX, i % 2 === 0)));
    answers.forEach((a, i) => {
      const { label, limit } = bombs[i]!;
      expect(a.status, label).toBe(422);
      expect(a.body.error.message, label).toMatch(limit);
      // The bound is 5 s; the limits are met within the first few hundred MB inflated.
      expect(a.ms, label).toBeLessThan(5000);
    });
    // Before the guard, one such file took the server past 1.7 GB.
    expect(peakRssMb(server.pid)).toBeLessThan(400);
  });

  it('is still alive afterwards, and imports a normal XLSX and CSV', async () => {
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
    const book = await inlineWorkbook([
      ['ref', 'name', 'lat', 'lon', 'date'],
      ['B-1', 'Anne', '45.76', '4.83', '2026-12-01'],
      ['B-2', 'Bruno', '45.75', '4.84', '2026-12-01'],
    ]);
    const xlsx = await post(book, XLSX, true);
    expect(xlsx.status).toBe(200);
    expect(xlsx.body).toMatchObject({ committed: true, created: 2, rejected: 0 });
    const csv = await post(Buffer.from('ref,name,lat,lon,date\nB-3,Chloé,45.74,4.85,2026-12-01\n'), 'text/csv', false);
    expect(csv.status).toBe(200);
    expect(csv.body).toMatchObject({ committed: true, created: 1 });
  });

  it('refuses an upload larger than IMPORT_MAX_BYTES with 413 naming the limit', async () => {
    const line = 'X-0,Someone,45.7,4.8,2026-12-01\n';
    const big = Buffer.from(`ref,name,lat,lon,date\n${line.repeat(Math.ceil((2 * MAX_BYTES) / line.length))}`);
    for (const multipart of [false, true]) {
      const a = await post(big, 'text/csv', multipart);
      expect(a.status, multipart ? 'multipart' : 'raw').toBe(413);
      expect(a.body.error.message).toMatch(/IMPORT_MAX_BYTES/);
    }
    const rows = Array.from({ length: 30_000 }, (_, i) => ({ ref: `J-${i}`, name: 'Someone', lat: 45.7, lon: 4.8 }));
    const json = await post(Buffer.from(JSON.stringify(rows)), 'application/json', false);
    expect(json.status).toBe(413);
    expect(json.body.error.message).toMatch(/IMPORT_MAX_BYTES/);
    const { body } = await api.call('GET', '/orders?limit=1000');
    expect(JSON.stringify(body)).not.toContain('X-0');
  });
});
