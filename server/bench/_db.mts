import { createPgDb } from '../src/db/pg-adapter.ts';
import { upsertOrders, findExisting } from '../src/orders/import/import-repo.ts';
const db = createPgDb('postgres://postgres@127.0.0.1:5432/tournee_bench', { max: 2 });
const org = (await db.query<{ id: string }>("INSERT INTO organisations (name) VALUES ('dbbench') RETURNING id")).rows[0]!.id;
const mk = (i: number) => ({ ref: `R${i}`, name: 'Hélène Dupré', phone: '+33612345678', email: null, address: `${i} rue Mercière, 69001 Lyon`,
  lon: 4.8 + (i % 997) / 10000, lat: 45.7 + (i % 1000) / 10000, geocoded: false, date_from: '2026-04-01', date_to: '2026-04-01',
  time_windows: [{ start: '08:00', end: '11:00' }], service_s: 300, demand: [1.5, 0, 0], skills: [], priority: 0, notes: `Commande ${i}`, content_hash: `h${i}` });
const t0 = performance.now();
let tq = 0, te = 0;
await db.transaction(async (tx) => {
  for (let b = 0; b < 50; b++) {
    const rows = Array.from({ length: 2000 }, (_, k) => mk(b * 2000 + k));
    let t = performance.now();
    await findExisting(tx, org, rows.map((r) => r.ref));
    te += performance.now() - t; t = performance.now();
    await upsertOrders(tx, org, rows);
    tq += performance.now() - t;
  }
});
console.log('total', (performance.now() - t0).toFixed(0), 'upsert', tq.toFixed(0), 'exist', te.toFixed(0));
await db.close();
