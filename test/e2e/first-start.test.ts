import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type ServerProcess, startServerProcess } from '../lib/server-process.ts';

// What a newcomer gets from `pnpm start`: the embedded database in a data folder, the first
// admin, and the demo organisation — checked through the HTTP API like a user would.
describe('first start on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tournee-data-'));
  let server: ServerProcess;
  let token: string;
  const get = (path: string) =>
    fetch(`${server.baseUrl}/api${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    server = await startServerProcess({
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      ADMIN_EMAIL: 'boss@example.com',
      ADMIN_PASSWORD: 'demo-password-1',
    });
    const res = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'boss@example.com', password: 'demo-password-1' }),
    });
    expect(res.status).toBe(200);
    token = ((await res.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers health from PGlite', async () => {
    const res = await fetch(`${server.baseUrl}/api/health`);
    expect(await res.json()).toEqual({ status: 'ok', database: 'pglite' });
  });

  it('has seeded the demo organisation: a depot in Lyon, 8 vehicles, about 400 orders', async () => {
    const depots = (await (await get('/depots')).json()) as { items: Array<{ name: string; timeZone: string }> };
    expect(depots.items).toHaveLength(1);
    expect(depots.items[0]!.timeZone).toBe('Europe/Paris');
    const vehicles = (await (await get('/vehicles')).json()) as { items: unknown[] };
    expect(vehicles.items).toHaveLength(8);
    const orders = (await (await get('/orders?limit=1')).json()) as { total: number };
    expect(orders.total).toBeGreaterThanOrEqual(380);
    expect(orders.total).toBeLessThanOrEqual(420);
  });

  it("imports a file large enough for the row thread, which the build ships beside the server's bundle", async () => {
    // Past ROW_THREAD_AFTER_ROWS (2,000) the compiled server checks rows in a worker thread, if
    // `pnpm build` put its bundle beside main.js (it did not before: every row on the main thread).
    expect(existsSync(join(REPO_ROOT, 'server', 'dist', 'import-row-worker.js'))).toBe(true);
    const rows = 6000;
    const lines = ['ref,name,lat,lon,date'];
    for (let i = 0; i < rows; i++) {
      const at = (i % 100) / 1000;
      lines.push(`BIG-${i},Client ${i} é,${(45.7 + at).toFixed(4)},${(4.8 + at).toFixed(4)},2030-03-0${1 + (i % 5)}`);
    }
    const res = await fetch(`${server.baseUrl}/api/orders/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: lines.join('\n'),
    });
    const body = (await res.json()) as { created: number; rejected: number };
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ created: rows, rejected: 0 });
    // The rows the thread checked are stored as sent: the last one, name and place.
    const found = (await (await get('/orders?q=BIG-5999&limit=5')).json()) as {
      items: Array<{ ref: string; name: string; location: { coordinates: [number, number] } }>;
    };
    const last = found.items.find((o) => o.ref === 'BIG-5999');
    expect(last?.name).toBe('Client 5999 é');
    expect(last?.location.coordinates[0]).toBeCloseTo(4.899, 6);
    expect(last?.location.coordinates[1]).toBeCloseTo(45.799, 6);
  });

  it('keeps its data across a restart and does not seed twice', async () => {
    await server.stop();
    server = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '' });
    const res = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'boss@example.com', password: 'demo-password-1' }),
    });
    token = ((await res.json()) as { token: string }).token;
    const vehicles = (await (await get('/vehicles')).json()) as { items: unknown[] };
    expect(vehicles.items).toHaveLength(8);
  });
});
