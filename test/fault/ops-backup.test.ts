/**
 * Operations: `pnpm backup` then `pnpm restore FILE` into a fresh database finds the same orders,
 * the plan's routes and the proof files (byte for byte), read back through a real server process —
 * for PostgreSQL (pg_dump custom format) and for the embedded database (PGlite's data-folder dump).
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { insertUser } from '../../server/src/auth/repo.ts';
import { hashPassword } from '../../server/src/auth/password.ts';
import type { Db } from '../../server/src/db/db.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { createPgDb } from '../../server/src/db/pg-adapter.ts';
import { createPgliteDb } from '../../server/src/db/pglite-adapter.ts';
import { resetSeedCache, seedDriverDay } from '../../server/test/support/seeded-driver-day.ts';
import { databaseOnTestServer, testDatabaseUrl } from '../../server/test/test-db.ts';
import { signIn } from '../lib/api-client.ts';
import { freshDatabase } from '../lib/e2e-db.ts';
import { REPO_ROOT, startServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'ops-backup@test.local', password: 'backup restore 1' };
const work = mkdtempSync(join(tmpdir(), 'tournee-ops-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Seeded {
  localDate: string;
  orderRefs: string[];
  routeId: string;
  planId: string;
  proofId: string;
  proof: Buffer;
}

/** An organisation with its admin, a plan's route of 3 orders, a delivery with a photo (random bytes). */
async function seed(db: Db): Promise<Seeded> {
  await migrate(db);
  resetSeedCache();
  const org = await db.query<{ id: string }>(
    `INSERT INTO organisations (name, dimensions) VALUES ('Backup test', '{kg,m3,parcels}') RETURNING id`,
  );
  const orgId = org.rows[0]!.id;
  await insertUser(db, {
    orgId,
    email: ADMIN.email,
    name: 'Admin',
    role: 'admin',
    passwordHash: await hashPassword(ADMIN.password),
  });
  const day = await seedDriverDay(db, orgId, { stops: 3 });
  const plan = await db.query<{ id: string }>(
    `INSERT INTO plans (org_id, status, from_date, to_date) VALUES ($1, 'done', $2, $2) RETURNING id`,
    [orgId, day.localDate],
  );
  await db.query('UPDATE routes SET plan_id = $1 WHERE id = $2', [plan.rows[0]!.id, day.routeId]);
  const eventId = randomUUID();
  await db.query(
    `INSERT INTO stop_events (id, stop_id, driver_id, type, device_at) VALUES ($1, $2, $3, 'delivered', now())`,
    [eventId, day.stopIds[0], day.driverId],
  );
  const proof = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(40_000)]);
  const p = await db.query<{ id: string }>(
    `INSERT INTO proof_files (stop_event_id, kind, content_type, data) VALUES ($1, 'photo', 'image/jpeg', $2) RETURNING id`,
    [eventId, proof],
  );
  const refs = await db.query<{ ref: string }>('SELECT ref FROM orders ORDER BY ref');
  return {
    localDate: day.localDate,
    orderRefs: refs.rows.map((r) => r.ref),
    routeId: day.routeId,
    planId: plan.rows[0]!.id,
    proofId: p.rows[0]!.id,
    proof,
  };
}

/** Runs `pnpm <script> …args` from the repository root, as an operator would. */
function pnpm(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['--silent', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', DATA_DIR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, out }));
  });
}

/** Starts a server on the restored database and finds everything `seeded` holds through its API. */
async function expectRestored(env: Record<string, string>, seeded: Seeded) {
  const server = await startServerProcess({ SEED_DEMO: 'false', DATABASE_URL: '', ...env });
  try {
    const api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const orders = await api.call('GET', '/orders?limit=100');
    expect(orders.status).toBe(200);
    expect(orders.body.items.map((o: { ref: string }) => o.ref).sort()).toEqual(seeded.orderRefs);
    const routes = await api.call('GET', `/routes?date=${seeded.localDate}`);
    expect(routes.body.routes.map((r: { id: string }) => r.id)).toEqual([seeded.routeId]);
    expect(routes.body.routes[0].stops).toHaveLength(3);
    const plan = await api.call('GET', `/plans/${seeded.planId}`);
    expect(plan.body.status).toBe('done');
    const proof = await fetch(`${server.baseUrl}/api/proofs/${seeded.proofId}`, {
      headers: { authorization: `Bearer ${api.token}` },
    });
    expect(proof.status).toBe(200);
    expect(Buffer.from(await proof.arrayBuffer()).equals(seeded.proof)).toBe(true);
  } finally {
    await server.stop();
  }
}

describe('pnpm backup / pnpm restore', () => {
  it('restores a PostgreSQL backup into a new database with the same orders, routes and proofs', async () => {
    const source = await freshDatabase('tournee_fault_ops_backup_src');
    const db = createPgDb(source, { max: 1 });
    const seeded = await seed(db).finally(() => db.close());
    const file = join(work, 'pg.dump');
    const backup = await pnpm(['backup', file], { DATABASE_URL: source });
    expect(backup.out).toContain(`Backed up the PostgreSQL database to ${file}`);
    expect(backup.code).toBe(0);

    // The target does not exist yet: restore creates it.
    const target = testDatabaseUrl('tournee_fault_ops_backup_dst');
    const admin = new pg.Client({ connectionString: databaseOnTestServer('postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(target).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
    const restore = await pnpm(['restore', file], { DATABASE_URL: target });
    expect(restore.out).toContain('3 orders, 1 routes, 1 proof files');
    expect(restore.code).toBe(0);

    // A database with data is not overwritten without --force.
    const again = await pnpm(['restore', file], { DATABASE_URL: target });
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/not empty.*--force/);
    // With --force the backup's tables replace the database's (a change made since is undone).
    const extra = new pg.Client({ connectionString: target });
    await extra.connect();
    await extra.query(`UPDATE orders SET ref = 'changed after the backup' WHERE ref = $1`, [seeded.orderRefs[0]]);
    await extra.end();
    const forced = await pnpm(['restore', file, '--force'], { DATABASE_URL: target });
    expect(forced.out).toContain('3 orders, 1 routes, 1 proof files');
    expect(forced.code).toBe(0);

    await expectRestored({ DATABASE_URL: target }, seeded);
  });

  it('restores an embedded-database backup into a fresh data folder with the same orders, routes and proofs', async () => {
    const source = join(work, 'data-src');
    const db = await createPgliteDb(join(source, 'pglite'));
    const seeded = await seed(db).finally(() => db.close());
    const file = join(work, 'embedded.tar.gz');
    const backup = await pnpm(['backup', file], { DATA_DIR: source });
    expect(backup.out).toContain('Backed up the embedded database (3 orders, 1 routes, 1 proof files)');
    expect(backup.code).toBe(0);

    const target = join(work, 'data-dst');
    const wrongKind = await pnpm(['restore', file], { DATABASE_URL: testDatabaseUrl('tournee_fault_ops_backup_x') });
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.out).toContain('unset DATABASE_URL');
    const restore = await pnpm(['restore', file], { DATA_DIR: target });
    expect(restore.out).toContain('3 orders, 1 routes, 1 proof files');
    expect(restore.code).toBe(0);

    await expectRestored({ DATA_DIR: target }, seeded);
  });
});
