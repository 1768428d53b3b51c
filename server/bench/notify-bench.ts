/**
 * Customer communications bench:
 *  1. ETA recomputation per position batch for a 60-stop route: the engine's arithmetic alone,
 *     and the whole recompute (read route and fix, compute, write 60 ETAs) over PostgreSQL; then
 *     with OSRM_URL on a local OSRM stand-in (the route's matrix cached, one table row per recompute).
 *  2. Notifications per second through the outbox (claim with SKIP LOCKED, send, mark sent) to a
 *     local SMTP server (smtp-server on 127.0.0.1), with a pooled nodemailer transport.
 *
 * Database: BENCH_NOTIFY_DATABASE_URL, else a fresh `tournee_bench_notify` on 127.0.0.1.
 * Run: pnpm --filter @tournee/server bench:notify   (N_MESSAGES=2000 by default)
 */
import pg from 'pg';
import { createTestOrg } from '../test/harness.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { createPgDb } from '../src/db/pg-adapter.ts';
import { computeEtas } from '../src/eta/engine.ts';
import { createEtaEngine } from '../src/eta/service.ts';
import { osrmStandIn } from '../test/support/osrm-stand-in.ts';
import { createLogger } from '../src/logger.ts';
import { type Claimed, enqueue } from '../src/notify/outbox-repo.ts';
import { smtpProvider } from '../src/notify/providers.ts';
import { startSender } from '../src/notify/sender.ts';
import { startSmtp } from '../test/support/comms-stand-ins.ts';
import { coordinateTravel } from '../src/travel/travel.ts';
import { seedDriverDay } from '../test/support/seeded-driver-day.ts';

async function database(): Promise<string> {
  const given = process.env.BENCH_NOTIFY_DATABASE_URL;
  if (given) return given;
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS tournee_bench_notify WITH (FORCE)');
  await admin.query('CREATE DATABASE tournee_bench_notify');
  await admin.end();
  return 'postgres://postgres@127.0.0.1:5432/tournee_bench_notify';
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function main() {
  const url = await database();
  const db = createPgDb(url, { max: 8 });
  await migrate(db);
  const log = createLogger('silent');
  const org = await createTestOrg(db);

  // 1. ETA recompute on a 60-stop route.
  const day = await seedDriverDay(db, org.id, { stops: 60 });
  await db.query(`UPDATE routes SET status = 'in_progress' WHERE id = $1`, [day.routeId]);
  await db.query(
    `INSERT INTO latest_positions (driver_id, org_id, route_id, device_at, location)
     VALUES ($1, $2, $3, now(), ST_SetSRID(ST_MakePoint(4.835, 45.76), 4326)::geography)`,
    [day.driverId, org.id, day.routeId],
  );
  const travel = coordinateTravel();
  const stops = Array.from({ length: 60 }, (_, i) => ({
    id: String(i),
    kind: 'visit' as const,
    location: [4.83 + i * 0.004, 45.76 + i * 0.002] as [number, number],
    serviceS: 300,
    windows: [],
    arrived: false,
  }));
  const pure: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    computeEtas({ now: Date.now(), driver: { location: [4.835, 45.76], at: Date.now() }, stops, travel });
    pure.push(performance.now() - t0);
  }
  // The limit measured in this run: the database's own round trip (a recompute makes a few).
  const roundTrip: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await db.query('SELECT 1');
    roundTrip.push(performance.now() - t0);
  }
  const engine = createEtaEngine({ db, log, throttleMs: 0, travel, onEtas: () => {} });
  const full: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await engine.recompute(day.routeId);
    full.push(performance.now() - t0);
  }
  console.log(
    `ETA recompute, 60-stop route: compute ${pct(pure, 0.5).toFixed(3)} ms p50 / ${pct(pure, 0.99).toFixed(3)} ms p99; ` +
      `with PostgreSQL read+write ${pct(full, 0.5).toFixed(1)} ms p50 / ${pct(full, 0.99).toFixed(1)} ms p99 per position batch ` +
      `(${(pct(full, 0.5) / pct(roundTrip, 0.5)).toFixed(1)}× a bare round trip to PostgreSQL in this run, ${pct(roundTrip, 0.5).toFixed(2)} ms p50)`,
  );
  const osrm = await osrmStandIn();
  const roads = createEtaEngine({ db, log, throttleMs: 0, travel, osrmUrl: osrm.url, onEtas: () => {} });
  const withOsrm: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await roads.recompute(day.routeId);
    withOsrm.push(performance.now() - t0);
  }
  await osrm.close();
  console.log(
    `  with OSRM (local stand-in): ${pct(withOsrm, 0.5).toFixed(1)} ms p50 / ${pct(withOsrm, 0.99).toFixed(1)} ms p99 ` +
      `(${(pct(withOsrm, 0.5) / pct(full, 0.5)).toFixed(2)}× the straight-line recompute); ` +
      `${osrm.requests.length} OSRM requests for 200 recomputes`,
  );

  // 2. Outbox → local SMTP.
  const n = Number(process.env.N_MESSAGES ?? 2000);
  const smtp = await startSmtp();
  const config = loadConfig({
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}/?pool=true&maxConnections=8`,
    NOTIFY_PROVIDER: 'live',
  });
  const orderId = day.orderIds[0]!;
  for (let i = 0; i < n; i++)
    await enqueue(db, {
      orgId: org.id,
      orderId,
      routeId: day.routeId,
      channel: 'email',
      trigger: 'published',
      key: `bench:${i}`,
      recipient: `c${i}@example.test`,
      locale: 'fr',
      subject: 'Votre livraison',
      body: 'Bonjour, votre livraison est prévue mardi entre 09:30 et 11:30. https://x/t/abc',
      html: '<p>Bonjour, votre livraison est prévue mardi entre 09:30 et 11:30.</p>',
    });
  const provider = smtpProvider(config);
  const sender = startSender(
    db,
    { sms: provider, email: provider },
    { pollMs: 60_000, maxAttempts: 3, backoffMs: 1000, batch: 100 },
    log,
  );
  const t0 = performance.now();
  let sent = 0;
  while (sent < n) sent += await sender.tick();
  const s = (performance.now() - t0) / 1000;
  const check = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE status = 'sent'`);
  console.log(
    `Outbox → SMTP: ${n} emails in ${s.toFixed(2)} s = ${(n / s).toFixed(0)} notifications/s (${check.rows[0]!.n} marked sent, ${smtp.mails.length} received)`,
  );
  await sender.stop();
  // The limit measured in this run: the same messages through the same pooled transport, 100 at a
  // time as the sender's batches, with no outbox (no claim, no lease, no status written).
  const { rows: claimed } = await db.query<Claimed>(
    `SELECT id, idempotency_key AS key, channel, recipient, subject, body, html, attempts FROM notifications LIMIT $1`,
    [n],
  );
  const bareProvider = smtpProvider(config);
  const b0 = performance.now();
  for (let i = 0; i < claimed.length; i += 100)
    await Promise.all(claimed.slice(i, i + 100).map((m) => bareProvider.send(m)));
  const bareS = (performance.now() - b0) / 1000;
  bareProvider.close?.();
  console.log(
    `  bare SMTP sends (same transport, no outbox): ${(claimed.length / bareS).toFixed(0)}/s; ` +
      `the outbox runs at ${((n / s / (claimed.length / bareS)) * 100).toFixed(0)} % of it`,
  );
  await smtp.close();
  await db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
