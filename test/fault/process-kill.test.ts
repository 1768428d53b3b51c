/**
 * Fault: the server is killed with SIGKILL during a plan, once while the solver runs and once in
 * the middle of writing the result. Acceptance of issue 11: nothing half-written — the plan ends
 * `failed` (or done), never routes without their stops or orders whose status disagrees with
 * them — and the restarted server plans again.
 *
 * To kill "while persisting" at a known moment, the test holds a lock on the audit table `events`:
 * the plan's write transaction (persist.ts) inserts its audit row last, after its routes, stops,
 * order statuses and the plan's `done`; it waits there, uncommitted, and the server is killed.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { type ServerProcess, startServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'kill@example.com', password: 'fault-password-1' };

/** Every way a plan's write could show up half done; empty when the data is whole. */
async function halfWritten(db: pg.Client): Promise<Record<string, unknown[]>> {
  const ids = async (sql: string) => (await db.query<{ id: string }>(sql)).rows.map((r) => r.id);
  return {
    routesWithoutStops: await ids(
      `SELECT r.id FROM routes r WHERE NOT EXISTS (SELECT 1 FROM stops s WHERE s.route_id = r.id)`,
    ),
    routesOfUnfinishedPlans: await ids(
      `SELECT r.id FROM routes r JOIN plans p ON p.id = r.plan_id WHERE p.status <> 'done'`,
    ),
    orphanStops: await ids(`SELECT s.id FROM stops s LEFT JOIN routes r ON r.id = s.route_id WHERE r.id IS NULL`),
    plannedOrdersWithoutStop: await ids(
      `SELECT o.id FROM orders o WHERE o.status IN ('planned', 'dispatched')
         AND NOT EXISTS (SELECT 1 FROM stops s WHERE s.order_id = o.id)`,
    ),
    stopsOfUnplannedOrders: await ids(
      `SELECT s.id FROM stops s JOIN orders o ON o.id = s.order_id WHERE o.status = 'imported'`,
    ),
    ordersOnTwoStops: await ids(
      `SELECT order_id AS id FROM stops WHERE order_id IS NOT NULL GROUP BY order_id HAVING count(*) > 1`,
    ),
    unassignedOfUnfinishedPlans: await ids(
      `SELECT u.order_id AS id FROM unassigned_orders u JOIN plans p ON p.id = u.plan_id WHERE p.status <> 'done'`,
    ),
  };
}

const WHOLE = {
  routesWithoutStops: [],
  routesOfUnfinishedPlans: [],
  orphanStops: [],
  plannedOrdersWithoutStop: [],
  stopsOfUnplannedOrders: [],
  ordersOnTwoStops: [],
  unassignedOfUnfinishedPlans: [],
};

describe('server killed (SIGKILL) during a plan', () => {
  let server: ServerProcess;
  let env: Record<string, string>;
  let api: ApiClient;
  let db: pg.Client;
  let day: string;

  const restart = async () => {
    server = await startServerProcess(env);
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
  };
  const planStatus = async (id: string) =>
    (await db.query<{ status: string }>('SELECT status FROM plans WHERE id = $1', [id])).rows[0]?.status;
  const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
  const plan = async (timeLimitS: number): Promise<string> => {
    const res = await api.call('POST', '/plans', { from: day, to: day, timeLimitS });
    expect(res.status).toBe(202);
    return res.body.planId;
  };

  beforeAll(async () => {
    const started = await startOnFreshDatabase('tournee_fault_process_kill', ADMIN, {
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
    });
    server = started.server;
    env = {
      DATABASE_URL: started.databaseUrl,
      SEED_DEMO: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
    };
    db = new pg.Client({ connectionString: started.databaseUrl });
    await db.connect();
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const orders = (await api.call('GET', '/orders?limit=1000')).body.items as { dateFrom: string }[];
    day = orders.map((o) => o.dateFrom).sort()[0]!;
  });

  afterAll(async () => {
    await db?.end();
    await server?.stop();
  });

  it('leaves nothing written when killed while the solver runs, and fails the plan on restart', async () => {
    const id = await plan(60);
    // Killed once the solver has a solution in hand (mid-solve, 60 s budget).
    await expect
      .poll(async () => (await api.call('GET', `/plans/${id}`)).body.progress?.bestCost ?? null, { timeout: 30_000 })
      .not.toBeNull();
    await server.kill('SIGKILL');

    expect(await planStatus(id)).toBe('running');
    expect(await count('SELECT count(*)::int AS n FROM routes')).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM orders WHERE status <> 'imported'`)).toBe(0);
    expect(await halfWritten(db)).toEqual(WHOLE);

    await restart();
    await expect.poll(() => planStatus(id), { timeout: 30_000 }).toBe('failed');
    expect((await api.call('GET', `/plans/${id}`)).body.error).toMatch(/restart|process/i);
  });

  it('leaves nothing written when killed in the middle of writing the plan, and plans again', async () => {
    const id = await plan(1);
    const blocker = new pg.Client({ connectionString: env.DATABASE_URL });
    await blocker.connect();
    let writer: number | undefined;
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE events IN EXCLUSIVE MODE');
      // The plan's write transaction, waiting on the audit table with its routes and stops written.
      await expect
        .poll(
          async () => {
            const { rows } = await db.query<{ pid: number }>(
              `SELECT a.pid FROM pg_stat_activity a
                WHERE a.wait_event_type = 'Lock' AND a.query LIKE 'INSERT INTO events%'
                  AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.relation = 'stops'::regclass
                                AND l.mode = 'RowExclusiveLock')
                  AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.relation = 'routes'::regclass
                                AND l.mode = 'RowExclusiveLock')`,
            );
            writer = rows[0]?.pid;
            return writer;
          },
          { timeout: 30_000 },
        )
        .toBeDefined();
      await server.kill('SIGKILL');
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    // The killed process's backend finds its client gone and rolls back.
    await expect
      .poll(async () => count('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [writer]), {
        timeout: 15_000,
      })
      .toBe(0);

    expect(await planStatus(id)).toBe('running');
    expect(await count('SELECT count(*)::int AS n FROM routes')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM stops')).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM orders WHERE status <> 'imported'`)).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM unassigned_orders')).toBe(0);
    expect(await halfWritten(db)).toEqual(WHOLE);

    await restart();
    await expect.poll(() => planStatus(id), { timeout: 30_000 }).toBe('failed');

    // The restarted server plans the day, whole.
    const again = await plan(2);
    await expect.poll(() => planStatus(again), { timeout: 60_000 }).toBe('done');
    const summary = (await api.call('GET', `/plans/${again}`)).body.summary;
    expect(summary.routes).toBeGreaterThan(0);
    expect(await count('SELECT count(*)::int AS n FROM routes WHERE plan_id = $1', [again])).toBe(summary.routes);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM stops s JOIN routes r ON r.id = s.route_id
          WHERE r.plan_id = $1 AND s.kind = 'delivery'`,
        [again],
      ),
    ).toBe(summary.assigned);
    expect(await count(`SELECT count(*)::int AS n FROM orders WHERE status = 'planned'`)).toBe(summary.assigned);
    expect(await halfWritten(db)).toEqual(WHOLE);
  });
});
