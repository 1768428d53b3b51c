import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../test/harness.ts';
import { TEST_DATABASE_URL } from '../../test/test-db.ts';
import type { Actor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { createPgDb } from '../db/pg-adapter.ts';
import { applyTransitions, followRoutes, transitionOrders } from './order-status.ts';

describe('applying order transitions', () => {
  let db: Db;
  let actor: Actor;
  let other: Actor;
  const newOrders = async (org: string, statuses: string[]) => {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO orders (org_id, ref, location, date_from, date_to, service_s, content_hash)
       SELECT $1, 'T-' || gen_random_uuid(), ST_SetSRID(ST_MakePoint(4.83, 45.76), 4326)::geography,
              current_date, current_date, 300, 'x' FROM generate_series(1, $2) RETURNING id`,
      [org, statuses.length],
    );
    // Test set-up only: the statuses an order would have reached through the lifecycle.
    await db.query('UPDATE orders o SET status = x.s FROM unnest($1::uuid[], $2::text[]) x(id, s) WHERE o.id = x.id', [
      rows.map((r) => r.id),
      statuses,
    ]);
    return rows.map((r) => r.id);
  };
  const statuses = async (ids: string[]) =>
    (
      await db.query<{ status: string }>(
        'SELECT status FROM orders WHERE id = ANY($1) ORDER BY array_position($1, id)',
        [ids],
      )
    ).rows.map((r) => r.status);

  beforeAll(async () => {
    db = createPgDb(TEST_DATABASE_URL, { max: 2 });
    const org = await createTestOrg(db);
    actor = { userId: org.users.dispatcher.id, orgId: org.id, role: 'dispatcher' };
    other = { userId: null, orgId: (await createTestOrg(db)).id, role: 'system' };
  });
  afterAll(() => db.close());

  it('moves many orders in one call, refuses the others with their reason, and audits each change', async () => {
    const ids = await newOrders(actor.orgId, ['imported', 'planned', 'cancelled', 'delivered', 'on_hold']);
    const [foreign] = await newOrders(other.orgId, ['imported']);
    const out = await db.transaction((tx) =>
      transitionOrders(tx, actor, [...ids, foreign!], 'cancelled', 'cancel', { details: { why: 'test' } }),
    );
    expect(out.changed.map((c) => [c.orderId, c.from])).toEqual([
      [ids[0], 'imported'],
      [ids[1], 'planned'],
      [ids[4], 'on_hold'],
    ]);
    expect(out.refused).toEqual([
      { orderId: ids[3], from: 'delivered', to: 'cancelled', reason: expect.stringMatching(/delivered/) },
      { orderId: foreign, from: null, to: 'cancelled', reason: 'no such order' },
    ]);
    expect(await statuses(ids)).toEqual(['cancelled', 'cancelled', 'cancelled', 'delivered', 'cancelled']);
    const events = await db.query<{ entity_id: string; user_id: string; details: Record<string, unknown> }>(
      `SELECT entity_id, user_id, details FROM events WHERE action = 'order.status' AND entity_id = ANY($1) ORDER BY id`,
      [ids],
    );
    expect(events.rows).toEqual([
      {
        entity_id: ids[0],
        user_id: actor.userId,
        details: { from: 'imported', to: 'cancelled', cause: 'cancel', why: 'test' },
      },
      {
        entity_id: ids[1],
        user_id: actor.userId,
        details: { from: 'planned', to: 'cancelled', cause: 'cancel', why: 'test' },
      },
      {
        entity_id: ids[4],
        user_id: actor.userId,
        details: { from: 'on_hold', to: 'cancelled', cause: 'cancel', why: 'test' },
      },
    ]);
  });

  it('writes nothing when strict and one order is refused', async () => {
    const ids = await newOrders(actor.orgId, ['imported', 'delivered']);
    await expect(
      db.transaction((tx) =>
        applyTransitions(
          tx,
          actor,
          ids.map((orderId) => ({ orderId, to: 'on_hold' })),
          'hold',
          { strict: true },
        ),
      ),
    ).rejects.toThrow(/delivered/);
    expect(await statuses(ids)).toEqual(['imported', 'delivered']);
  });

  it('sends an order with no open stop back to imported, and leaves finished orders alone', async () => {
    const ids = await newOrders(actor.orgId, ['dispatched', 'in_progress', 'failed', 'cancelled']);
    const changed = await db.transaction((tx) => followRoutes(tx, actor, ids, 'edit'));
    expect(changed.map((c) => c.from)).toEqual(['dispatched', 'in_progress']);
    expect(await statuses(ids)).toEqual(['imported', 'imported', 'failed', 'cancelled']);
  });
});
