import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../audit/audit.ts';
import type { Db } from '../../db/db.ts';
import { pgliteOrg } from '../../../test/support/pglite-org.ts';
import { runImport } from './pipeline.ts';
import { csvSource } from './sources.ts';

// The same pipeline on the embedded database: only the Db interface, so both adapters agree.
let db: Db;
let orgId: string;
beforeAll(async () => {
  ({ db, orgId } = await pgliteOrg());
}, 120_000);

const csv = (rows: string[]) =>
  csvSource(Readable.from([Buffer.from(['ref;Client;lat;lon;Date;Poids (kg);Remarques', ...rows].join('\n'))]));
const run = async (rows: string[], partial = false) =>
  runImport({ db, geocoder: null }, systemActor(orgId), {
    source: await csv(rows),
    filename: null,
    partial,
    mapping: {},
  });

describe('import on PGlite', () => {
  it('creates, then reports unchanged and updated rows', async () => {
    const rows = ['P1;Émile;45,75;4,85;05/03/2026;1,5;', 'P2;Zoé;45,76;4,86;05/03/2026;2;"a; ""b"""'];
    expect(await run(rows)).toMatchObject({ committed: true, created: 2, unchanged: 0 });
    expect(await run([rows[0]!, 'P2;Zoé;45,76;4,86;05/03/2026;2;changé'])).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 1,
    });
    const o = await db.query<{ name: string; notes: string; demand: number[] }>(
      "SELECT name, notes, demand FROM orders WHERE org_id = $1 AND ref = 'P2'",
      [orgId],
    );
    expect(o.rows[0]).toEqual({ name: 'Zoé', notes: 'changé', demand: [2] });
  });

  it('rolls back every row of a strict import with a bad row, and keeps the rejection', async () => {
    const result = await run(['P3;Ok;45,7;4,8;05/03/2026;1;', 'P4;Bad;123;4,8;05/03/2026;1;']);
    expect(result).toMatchObject({ committed: false, created: 0, rejected: 1 });
    expect(result.errors).toEqual([expect.objectContaining({ row: 3, column: 'lat' })]);
    const n = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM orders WHERE org_id = $1 AND ref = 'P3'", [
      orgId,
    ]);
    expect(n.rows[0]!.n).toBe(0);
    const rej = await db.query('SELECT * FROM import_rejections WHERE import_id = $1', [result.importId]);
    expect(rej.rows).toHaveLength(1);
  });
});
