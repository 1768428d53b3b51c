/**
 * Webhooks bench: a driver's stop event (`delivered`, on the real `/driver` socket) → the
 * `order.delivered` POST received by each of 50 subscriptions (a local HTTP receiver), through the
 * whole path: stop event applied, order status written, outbox rows by the orders trigger, the
 * sender woken by the bus, claimed, signed and POSTed. Prints p50/p95/max over every POST, and
 * beside them a bare HTTP POST round trip to the same receiver measured in the same run.
 *
 * Database: BENCH_WEBHOOKS_DATABASE_URL, else a fresh `tournee_bench_webhooks` on 127.0.0.1.
 * Run: pnpm --filter @tournee/server bench:webhooks   (N_STOPS=20, N_SUBSCRIPTIONS=50 by default)
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { io as connect } from 'socket.io-client';
import { systemActor } from '../src/audit/audit.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { createPgDb } from '../src/db/pg-adapter.ts';
import { issueAccess } from '../src/drivers/access-service.ts';
import { createLogger } from '../src/logger.ts';
import { seedDriverDay } from '../test/support/seeded-driver-day.ts';
import { postWebhook } from '../src/webhooks/http-post.ts';
import { startReceiver } from '../test/support/webhook-receiver.ts';
import { createTestOrg } from '../test/harness.ts';

const N_STOPS = Number(process.env.N_STOPS ?? 20);
const N_SUBSCRIPTIONS = Number(process.env.N_SUBSCRIPTIONS ?? 50);

async function database(): Promise<string> {
  const given = process.env.BENCH_WEBHOOKS_DATABASE_URL;
  if (given) return given;
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS tournee_bench_webhooks WITH (FORCE)');
  await admin.query('CREATE DATABASE tournee_bench_webhooks');
  await admin.end();
  return 'postgres://postgres@127.0.0.1:5432/tournee_bench_webhooks';
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  const url = await database();
  const db = createPgDb(url, { max: 10 });
  await migrate(db);
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', WEBHOOK_ALLOW_PRIVATE: 'true' });
  const app = createApp({ db, config, log: createLogger('silent') });
  const base = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
  const org = await createTestOrg(db);
  const day = await seedDriverDay(db, org.id, { stops: N_STOPS + 1 });
  const { token } = await issueAccess(db, systemActor(org.id), day.driverId, { ttlHours: 1, baseUrl: base });

  const receiver = await startReceiver();
  for (let i = 0; i < N_SUBSCRIPTIONS; i++) {
    const res = await fetch(`${base}/api/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.users.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${receiver.url}/${i}`, events: ['order.delivered'] }),
    });
    if (res.status !== 201) throw new Error(`subscription ${i}: ${res.status} ${await res.text()}`);
  }

  // The limit beside the figure: a bare POST round trip to the same receiver.
  const bare: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await postWebhook(receiver.url, '{}', {}, { timeoutMs: 5000, allowPrivate: true });
    bare.push(performance.now() - t0);
  }
  receiver.received.length = 0;

  const socket = connect(`${base}/driver`, { auth: { token }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', () => resolve());
    socket.on('connect_error', reject);
  });
  const event = (stopId: string, type: string) =>
    socket.emitWithAck('stop:event', { id: randomUUID(), stopId, type, deviceAt: new Date().toISOString() });
  // The first stop starts the route (its orders' in_progress events are not subscribed to).
  const started = await event(day.stopIds[0]!, 'started');
  if (!started.ok) throw new Error(`started: ${JSON.stringify(started)}`);

  const latencies: number[] = [];
  for (const stopId of day.stopIds.slice(1)) {
    const got = new Promise<void>((resolve) => {
      let n = 0;
      const t0 = performance.now();
      receiver.onPost = () => {
        latencies.push(performance.now() - t0);
        if (++n === N_SUBSCRIPTIONS) resolve();
      };
    });
    const ack = await event(stopId, 'delivered');
    if (!ack.ok) throw new Error(`delivered: ${JSON.stringify(ack)}`);
    await got;
  }
  socket.close();

  const p95 = pct(latencies, 0.95);
  console.log(`webhooks: ${N_STOPS} stop events × ${N_SUBSCRIPTIONS} subscriptions = ${latencies.length} POSTs`);
  console.log(
    `  stop event → webhook POST received: p50 ${ms(pct(latencies, 0.5))}, p95 ${ms(p95)}, max ${ms(Math.max(...latencies))} (limit 2000 ms: ${(p95 / 2000).toFixed(3)}×)`,
  );
  const bareP95 = pct(bare, 0.95);
  console.log(
    `  bare POST round trip to the receiver: p95 ${ms(bareP95)} (the webhook p95 is ${(p95 / bareP95).toFixed(1)}× it)`,
  );

  await receiver.close();
  await app.close();
  await db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
