import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.ts';
import { pgliteOrg } from '../../test/support/pglite-org.ts';
import { runImport } from '../orders/import/pipeline.ts';
import { csvSource } from '../orders/import/sources.ts';
import { recordEvent, systemActor } from './audit.ts';
import { decodeCursor } from './cursor.ts';
import { orderHistory } from './history.ts';
import { listEvents } from './repo.ts';

// The audit trail's reads on the embedded database (the server's other adapter): the same SQL.
let db: Db;
let orgId: string;
beforeAll(async () => {
  ({ db, orgId } = await pgliteOrg());
}, 120_000);

describe('the audit trail on PGlite', () => {
  it("pages the trail with the cursor and tells an imported order's history", async () => {
    const source = await csvSource(Readable.from([Buffer.from('ref;lat;lon;Date\nA1;45,75;4,85;05/03/2026\n')]));
    const imported = await runImport({ db, geocoder: null }, systemActor(orgId), {
      source,
      filename: 'lundi.csv',
      partial: false,
      mapping: {},
    });
    expect(imported.committed).toBe(true);
    const [order] = (await db.query<{ id: string }>(`SELECT id FROM orders WHERE org_id = $1 AND ref = 'A1'`, [orgId]))
      .rows;
    for (let i = 0; i < 4; i++) {
      await recordEvent(db, systemActor(orgId), 'order.update', 'order', order!.id, { n: i });
    }
    const first = await listEvents(db, { orgId, from: null, to: null }, null, 3);
    expect(first.items).toHaveLength(3);
    const rest = await listEvents(db, { orgId, from: null, to: null }, decodeCursor(first.nextCursor!), 3);
    expect([...first.items, ...rest.items].map((e) => e.action)).toEqual([
      ...Array(4).fill('order.update'),
      'orders.import',
    ]);
    expect(rest.nextCursor).toBeNull();

    const history = await orderHistory(db, orgId, order!.id);
    expect(history).toMatchObject({ ref: 'A1', source: 'import' });
    expect(history.entries.map((e) => e.kind)).toEqual(['import', 'edit', 'edit', 'edit', 'edit']);
    expect(history.entries[0]!.details).toMatchObject({ filename: 'lundi.csv', created: true });
  });
});
