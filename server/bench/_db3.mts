import { createPgDb } from '../src/db/pg-adapter.ts';
const db = createPgDb('postgres://postgres@127.0.0.1:5432/tournee_bench', { max: 2 });
const org = (await db.query<{ id: string }>("INSERT INTO organisations (name) VALUES ('dbbench') RETURNING id")).rows[0]!.id;
const mk = (i: number) => ({ ref: `W${i}`, name: 'Hélène Dupré', phone: '+33612345678', email: null, address: `${i} rue Mercière, 69001 Lyon`,
  lon: 4.8 + (i % 997) / 10000, lat: 45.7 + (i % 1000) / 10000, geocoded: false, date_from: '2026-04-01', date_to: '2026-04-01',
  time_windows: [{ start: '08:00', end: '11:00' }], service_s: 300, demand: [1.5, 0, 0], skills: [] as string[], priority: 0, notes: `Commande ${i}`, content_hash: `h${i}` });
const t0 = performance.now();
let tq = 0;
await db.transaction(async (tx) => {
  for (let b = 0; b < 50; b++) {
    const rows = Array.from({ length: 2000 }, (_, k) => mk(b * 2000 + k));
    const t = performance.now();
    const col = <K extends keyof ReturnType<typeof mk>>(k: K) => rows.map((r) => r[k]);
    await tx.query(`INSERT INTO orders AS o (org_id, ref, name, phone, email, address, location, geocoded, date_from, date_to,
                                time_windows, service_s, demand, skills, priority, notes, content_hash)
       SELECT $1, ref, name, phone, email, address, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography, geocoded,
              date_from, date_to, tw::jsonb, service_s, demand::float8[], skills::text[], priority, notes, content_hash
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::bool[], $10::date[], $11::date[],
                   $12::text[], $13::int[], $14::text[], $15::text[], $16::int2[], $17::text[], $18::text[])
         AS r(ref, name, phone, email, address, lon, lat, geocoded, date_from, date_to, tw, service_s, demand, skills, priority, notes, content_hash)
       
       `,
      [org, col('ref'), col('name'), col('phone'), col('email'), col('address'), col('lon'), col('lat'), col('geocoded'), col('date_from'), col('date_to'),
       rows.map((r) => JSON.stringify(r.time_windows)), col('service_s'), rows.map((r) => `{${r.demand.join(',')}}`), rows.map((r) => `{${r.skills.join(',')}}`), col('priority'), col('notes'), col('content_hash')]);
    tq += performance.now() - t;
  }
});
console.log('total', (performance.now() - t0).toFixed(0), 'upsert', tq.toFixed(0));
await db.close();
