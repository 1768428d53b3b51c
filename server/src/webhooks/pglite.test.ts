import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { pgliteOrg } from '../../test/support/pglite-org.ts';
import { runImport } from '../orders/import/pipeline.ts';
import { csvSource } from '../orders/import/sources.ts';
import { claimDue, enqueueEvent, markDelivered, markFailed, pruneDelivered } from './outbox-repo.ts';
import { insertSubscription } from './repo.ts';

// The webhook outbox on the embedded database (the server's other adapter): the orders trigger,
// the claim with SKIP LOCKED and the marks are the same SQL.
let db: Db;
let orgId: string;
beforeAll(async () => {
  ({ db, orgId } = await pgliteOrg());
}, 120_000);

describe('the webhook outbox on PGlite', () => {
  it('writes order events from the trigger and claims them one per order, in order', async () => {
    const subId = await insertSubscription(db, {
      orgId,
      url: 'http://127.0.0.1:9/hook',
      events: ['order.created', 'order.updated', 'route.published'],
      secret: 'secret-secret-secret',
      description: '',
      createdBy: null,
    });
    const source = await csvSource(Readable.from([Buffer.from('ref;lat;lon;Date\nA1;45,75;4,85;05/03/2026\n')]));
    const imported = await runImport({ db, geocoder: null }, systemActor(orgId), {
      source,
      filename: 'a.csv',
      partial: false,
      mapping: {},
    });
    expect(imported.committed).toBe(true);
    await db.query(
      `UPDATE orders SET notes = 'x', content_hash = 'changed', updated_at = now() WHERE org_id = $1 AND ref = 'A1'`,
      [orgId],
    );
    expect(
      await enqueueEvent(db, {
        orgId,
        type: 'route.published',
        subjectId: 'route-1',
        occurredAt: new Date(),
        data: { routeId: 'route-1' },
      }),
    ).toBe(true);

    const now = new Date(Date.now() + 1000);
    const first = await claimDue(db, now, 60_000, 10);
    // The order's created event and the route's event: the order's update waits for its created.
    expect(first.map((d) => d.type).sort()).toEqual(['order.created', 'route.published']);
    expect(await claimDue(db, now, 60_000, 10)).toEqual([]);
    const created = first.find((d) => d.type === 'order.created')!;
    await markFailed(db, created, { now, retryAt: now, status: 500, error: 'down', disableAfterMs: 86_400_000 });
    const retry = await claimDue(db, now, 60_000, 10);
    expect(retry.map((d) => d.type)).toEqual(['order.created']);
    await markDelivered(db, retry[0]!.id, now, 200);
    const next = await claimDue(db, now, 60_000, 10);
    expect(next.map((d) => [d.type, d.subscriptionId])).toEqual([['order.updated', subId]]);
    // Pruning keeps what is still to send: only the delivered order.created goes.
    expect(await pruneDelivered(db, new Date(Date.now() + 60_000))).toBe(1);
    const left = await db.query<{ type: string }>('SELECT type FROM webhook_events WHERE org_id = $1 ORDER BY type', [
      orgId,
    ]);
    expect(left.rows.map((r) => r.type)).toEqual(['order.updated', 'route.published']);
  });
});
