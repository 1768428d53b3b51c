/**
 * Live-tracking load test: BENCH_DRIVERS (2,000) simulated phones each send one position a second
 * for BENCH_SECONDS (60) over `/driver` into one server process on PostgreSQL (loopback only), and
 * one dispatcher socket listens to the day room. Prints positions/s accepted, p50/p99 from send
 * to the dispatcher's receipt, lost points (sent but not stored: must be 0), the server's CPU
 * and RSS, and the machine's load average (the machine is shared: read figures with it); beside
 * the latencies, a bare acked round trip through the same server under the same load.
 *
 * The server runs in a child process (bench-server.ts: the app as `pnpm start` runs it, with
 * the environment passed through, e.g. ETA_THROTTLE_MS), the phones and the dispatcher in this
 * one, so latencies include this process's own event-loop delays. Run: `pnpm --filter
 * @tournee/server bench:tracking` (or `pnpm bench` at the root, with the other benches).
 * Database: BENCH_TRACKING_DATABASE_URL, else a fresh `tournee_bench_tracking` on 127.0.0.1.
 * BENCH_CPU_PROF=dir writes the server's CPU profile there (see server-child.ts).
 *
 * Alerts on: every route is on the road with a planned line along its driver's path, and one
 * driver in BENCH_OFF_ROUTE_EVERY (10) drifts away from it and back (40 m a second, so the
 * speed filter keeps every fix, out to 800 m and back over 40 s): the dispatcher's socket gets
 * `alert:new` (off_route) after 3 fixes past 500 m. Printed: p50/p99 from sending that third
 * fix to receiving `alert:new`, against the 1 s.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { insertUser } from '../src/auth/repo.ts';
import { openSession } from '../src/auth/service.ts';
import { hashToken, newToken } from '../src/auth/tokens.ts';
import { migrate } from '../src/db/migrate.ts';
import { createPgDb } from '../src/db/pg-adapter.ts';
import { startBenchServer } from './server-child.ts';

const DRIVERS = Number(process.env.BENCH_DRIVERS ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const OFF_EVERY = Number(process.env.BENCH_OFF_ROUTE_EVERY ?? 10);
/** How far driver `i` is from its route line at its n-th fix: a 40-s triangle out to 800 m, phases staggered. */
const offsetM = (i: number, n: number) => {
  if (OFF_EVERY <= 0 || i % OFF_EVERY !== 0) return 0;
  const t = (n + i) % 40;
  return 40 * (t <= 20 ? t : 40 - t);
};
const lonOf = (i: number, n: number) => 4.8 + (i % 100) / 1000 + n / 100_000;
const latOf = (i: number, n: number) => 45.7 + i / 100_000 + offsetM(i, n) / 111_195;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

async function benchDatabase(): Promise<string> {
  const given = process.env.BENCH_TRACKING_DATABASE_URL;
  if (given) return given;
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS tournee_bench_tracking WITH (FORCE)');
  await admin.query('CREATE DATABASE tournee_bench_tracking');
  await admin.end();
  return 'postgres://postgres@127.0.0.1:5432/tournee_bench_tracking';
}

/** An organisation with DRIVERS drivers, each with a vehicle, a published route of today and a token. */
async function seed(url: string) {
  const db = createPgDb(url, { max: 2 });
  await migrate(db);
  const org = (
    await db.query<{ id: string }>("INSERT INTO organisations (name) VALUES ('Tracking bench') RETURNING id")
  ).rows[0]!.id;
  const depot = (
    await db.query<{ id: string }>(
      `INSERT INTO depots (org_id, name, location, time_zone) VALUES ($1, 'Lyon', ST_SetSRID(ST_MakePoint(4.835, 45.76), 4326)::geography, 'Europe/Paris') RETURNING id`,
      [org],
    )
  ).rows[0]!.id;
  const drivers = await db.query<{ id: string }>(
    `WITH v AS (INSERT INTO vehicles (org_id, depot_id, name) SELECT $1, $2, 'Van ' || g FROM generate_series(1, $3) g RETURNING id, name)
     INSERT INTO drivers (org_id, name, default_vehicle_id) SELECT $1, 'Driver ' || substr(v.name, 5), v.id FROM v RETURNING id`,
    [org, depot, DRIVERS],
  );
  const ids = drivers.rows.map((r) => r.id);
  await db.query(
    `INSERT INTO routes (org_id, vehicle_id, driver_id, depot_id, local_date, status, version, published_at, started_at)
     SELECT $1, d.default_vehicle_id, d.id, $2, (now() AT TIME ZONE 'Europe/Paris')::date, 'in_progress', 2, now(), now()
       FROM drivers d WHERE d.org_id = $1`,
    [org, depot],
  );
  // Each route's planned line runs along its driver's path (the alerts' off-route check).
  await db.query(
    `UPDATE routes r SET geometry = ST_SetSRID(ST_MakeLine(ST_MakePoint(x.lon - 0.01, x.lat), ST_MakePoint(x.lon + 0.02, x.lat)), 4326)::geography
       FROM unnest($1::uuid[], $2::float8[], $3::float8[]) AS x(d, lon, lat) WHERE r.driver_id = x.d`,
    [ids, ids.map((_, i) => lonOf(i, 0)), ids.map((_, i) => 45.7 + i / 100_000)],
  );
  const tokens = ids.map(() => newToken());
  await db.query(
    `INSERT INTO driver_access (org_id, driver_id, token_hash, expires_at) SELECT $1, d, t, now() + interval '1 day' FROM unnest($2::uuid[], $3::text[]) AS x(d, t)`,
    [org, ids, tokens.map(hashToken)],
  );
  const user = await insertUser(db, {
    orgId: org,
    email: `tracking-${Date.now()}@bench.local`,
    name: 'bench',
    role: 'dispatcher',
    passwordHash: '!',
  });
  const { token } = await openSession(db, user, 2);
  const localDate = (
    await db.query<{ d: string }>(`SELECT to_char(now() AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS d`)
  ).rows[0]!.d;
  return { db, drivers: ids.map((id, i) => ({ id, token: tokens[i]! })), dispatcherToken: token, localDate };
}

const connect = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });

async function main() {
  const url = await benchDatabase();
  const { db, drivers, dispatcherToken, localDate } = await seed(url);
  const child = await startBenchServer(url);
  const base = `http://127.0.0.1:${child.port}`;
  process.stdout.write(
    `Tracking benchmark: ${DRIVERS} drivers × 1 position/s × ${SECONDS} s, PostgreSQL ${new URL(url).pathname.slice(1)}\n`,
  );
  process.stdout.write(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );

  const dispatcher = io(`${base}/dispatch`, {
    auth: { token: dispatcherToken },
    transports: ['websocket'],
    forceNew: true,
  });
  await connect(dispatcher);
  await dispatcher.emitWithAck('day:join', localDate);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  dispatcher.on('driver:position', (e: { driverId: string; deviceAt: string }) => {
    const key = `${e.driverId}|${e.deviceAt}`;
    const t = sentAt.get(key);
    if (t !== undefined) {
      latencies.push(performance.now() - t);
      sentAt.delete(key);
    }
  });

  // Off-route alerts: the fix that made one (its coordinates) → when it was sent.
  const offSentAt = new Map<string, number>();
  const alertLat: number[] = [];
  let alertsSeen = 0;
  dispatcher.on(
    'alert:new',
    (a: { type: string; driverId: string | null; details: { location?: { coordinates: number[] } } }) => {
      if (a.type !== 'off_route') return;
      alertsSeen++;
      const t = offSentAt.get(`${a.driverId}|${a.details.location?.coordinates.join(',')}`);
      if (t !== undefined) alertLat.push(performance.now() - t);
    },
  );

  const sockets: Socket[] = [];
  for (let i = 0; i < drivers.length; i += 100) {
    const batch = drivers
      .slice(i, i + 100)
      .map((d) => io(`${base}/driver`, { auth: { token: d.token }, transports: ['websocket'], forceNew: true }));
    await Promise.all(batch.map(connect));
    sockets.push(...batch);
  }
  process.stdout.write(`${sockets.length} driver sockets connected\n`);

  await child.ask('reset');
  let sent = 0;
  let accepted = 0;
  let refused = 0;
  const ackLat: number[] = [];
  const perSecond = new Map<number, number>();
  const t0 = performance.now();
  const acks: Promise<void>[] = [];
  const finished: Promise<void>[] = [];
  const timers = drivers.map((d, i) => {
    let n = 0;
    let done!: () => void;
    finished.push(new Promise<void>((r) => (done = r)));
    const send = () => {
      if (n++ >= SECONDS) {
        clearInterval(timer);
        return done();
      }
      const deviceAt = new Date().toISOString();
      const t = performance.now();
      sentAt.set(`${d.id}|${deviceAt}`, t);
      sent++;
      const coordinates = [lonOf(i, n), latOf(i, n)];
      if (offsetM(i, n) > 500) offSentAt.set(`${d.id}|${coordinates.join(',')}`, t);
      const point = {
        id: randomUUID(),
        deviceAt,
        coordinates,
        accuracyM: 8,
        speedMps: 9,
      };
      acks.push(
        sockets[i]!.timeout(30_000)
          .emitWithAck('positions', { points: [point] })
          .then((a: { ok: boolean; data?: { accepted: string[] } }) => {
            if (a.ok && a.data?.accepted.length === 1) {
              accepted++;
              ackLat.push(performance.now() - t);
              const s = Math.floor((performance.now() - t0) / 1000);
              perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
            } else refused++;
          })
          .catch(() => void refused++),
      );
    };
    let timer: NodeJS.Timeout;
    const start = setTimeout(
      () => {
        send();
        timer = setInterval(send, 1000);
      },
      (i * 1000) / drivers.length,
    );
    return () => {
      clearTimeout(start);
      clearInterval(timer);
    };
  });
  // The limit measured in this run: a bare acked round trip through the same server under the same
  // load (`day:join` is answered from memory), sampled every 200 ms while the phones send.
  const bareRtt: number[] = [];
  const sampler = setInterval(() => {
    const t = performance.now();
    void dispatcher.emitWithAck('day:join', localDate).then(() => bareRtt.push(performance.now() - t));
  }, 200);
  await Promise.all(finished);
  clearInterval(sampler);
  await Promise.all(acks);
  const elapsedS = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 1000));
  const server = await child.ask('report');
  for (const stop of timers) stop();

  const stored = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions')).rows[0]!.n;
  latencies.sort((a, b) => a - b);
  ackLat.sort((a, b) => a - b);
  const buckets = [...perSecond.entries()].filter(([s]) => s >= 2 && s < SECONDS - 1).map(([, n]) => n);
  const line = (k: string, v: string) => process.stdout.write(`${k.padEnd(34)} ${v}\n`);
  line('positions sent', String(sent));
  line('positions accepted (acked, stored)', `${accepted} (${stored} rows in positions)`);
  line('accepted / s (mean over run)', (accepted / elapsedS).toFixed(0));
  line(
    `accepted / s (steady: mean of s 2–${SECONDS - 1})`,
    (buckets.reduce((a, n) => a + n, 0) / buckets.length).toFixed(0),
  );
  line('accepted / s (min 1-s bucket)', String(Math.min(...buckets)));
  const slow = [...perSecond.entries()]
    .filter(([s, n]) => s >= 2 && s < SECONDS - 1 && n < DRIVERS * 0.9)
    .map(([s, n]) => `${s}s:${n}`);
  if (slow.length) line('slow seconds (< 90% of drivers)', slow.join(' '));
  line(
    'send → dispatcher p50 / p99 / max',
    `${pct(latencies, 50).toFixed(1)} / ${pct(latencies, 99).toFixed(1)} / ${latencies.at(-1)?.toFixed(1)} ms`,
  );
  alertLat.sort((a, b) => a - b);
  line(
    'position → alert:new p50 / p99 / max',
    `${pct(alertLat, 50).toFixed(1)} / ${pct(alertLat, 99).toFixed(1)} / ${alertLat.at(-1)?.toFixed(1)} ms ` +
      `(p99 = ${((pct(alertLat, 99) / 1000) * 100).toFixed(0)}% of the 1 s limit; ${alertLat.length} of ${alertsSeen} off_route alerts matched)`,
  );
  line('send → ack p50 / p99', `${pct(ackLat, 50).toFixed(1)} / ${pct(ackLat, 99).toFixed(1)} ms`);
  bareRtt.sort((a, b) => a - b);
  line(
    'bare round trip p50 / p99',
    `${pct(bareRtt, 50).toFixed(1)} / ${pct(bareRtt, 99).toFixed(1)} ms (day:join, same server and load); ` +
      `send → dispatcher is ${(pct(latencies, 50) / pct(bareRtt, 50)).toFixed(1)}× / ${(pct(latencies, 99) / pct(bareRtt, 99)).toFixed(1)}× it`,
  );
  line('dispatcher events received', `${latencies.length} of ${sent}`);
  line('lost points (sent − stored)', String(sent - stored));
  line('refused or timed-out acks', String(refused));
  line(
    'server CPU',
    `${server.cpuS!.toFixed(1)} s over ${elapsedS.toFixed(0)} s (${((server.cpuS! / elapsedS) * 100).toFixed(0)}% of one core)`,
  );
  line('server RSS peak / at rest', `${mb(server.peakRss!)} / ${mb(child.restRss)}`);
  line('bench process CPU', `${((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(1)} s`);
  line(
    'load average after',
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  );

  for (const s of sockets) s.disconnect();
  dispatcher.disconnect();
  await child.stop();
  await db.close();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
