import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../../test/harness.ts';
import { TEST_DATABASE_URL } from '../../../test/test-db.ts';
import { systemActor } from '../../audit/audit.ts';
import type { Db } from '../../db/db.ts';
import { createPgDb } from '../../db/pg-adapter.ts';
import { AppError } from '../../errors.ts';
import { IMPORT_MESSAGES } from './messages.ts';
import { type ImportDeps, runImport } from './pipeline.ts';
import type { RowThreadOptions } from './row-thread.ts';
import { csvSource } from './sources.ts';

let db: Db;
let dir: string;
beforeAll(async () => {
  db = createPgDb(TEST_DATABASE_URL);
  dir = await mkdtemp(join(tmpdir(), 'tournee-row-thread-'));
});
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

// Good rows, bad rows (phone, date, coordinates) and refs met twice, on both sides of row 12,
// where the worker thread takes over below (afterRows: 10 data rows).
const ROWS = [
  'Référence;Client;Téléphone;Latitude;Longitude;Date;Poids (kg)',
  ...Array.from({ length: 40 }, (_, i) => {
    const ref = i === 15 ? 'R3' : i === 30 ? 'R20' : `R${i}`; // R3 again after the hand-over, R20 both after
    const phone = i === 5 || i === 25 ? 'pas un numéro' : '06 12 34 56 78';
    const date = i === 7 || i === 27 ? '31/02/2027' : '23/03/2027';
    const lat = i === 33 ? '95' : '45,76';
    return `${ref};Client ${i};${phone};${lat};4,83;${date};${i / 2}`.replace('.', ',');
  }),
].join('\n');

async function importInto(orgId: string, rowThreads: RowThreadOptions, partial = true) {
  const deps: ImportDeps = { db, geocoder: null, rowThreads };
  return runImport(deps, systemActor(orgId), {
    source: await csvSource(Readable.from([Buffer.from(ROWS)])),
    filename: 'orders.csv',
    partial,
    mapping: {},
    messages: IMPORT_MESSAGES.fr,
  });
}

const ordersOf = async (orgId: string) =>
  (
    await db.query<Record<string, unknown>>(
      `SELECT ref, name, phone, date_from, demand, content_hash, ST_AsText(location) AS location
         FROM orders WHERE org_id = $1 ORDER BY ref`,
      [orgId],
    )
  ).rows;

describe('rows checked in a worker thread', () => {
  it('gives the same answer and the same orders as rows checked on the main thread', async () => {
    const here = await createTestOrg(db);
    const there = await createTestOrg(db);
    const onMain = await importInto(here.id, { script: null });
    const inWorker = await importInto(there.id, { afterRows: 10 });
    expect(inWorker).toMatchObject({ rows: 40, created: 33, rejected: 7 });
    expect({ ...inWorker, importId: null, rejectedCsv: null }).toEqual({
      ...onMain,
      importId: null,
      rejectedCsv: null,
    });
    expect(await ordersOf(there.id)).toEqual(await ordersOf(here.id));
    // The second R3 is refused by the worker, which knew the first from the main thread.
    expect(inWorker.errors.find((e) => e.row === 17)).toMatchObject({ column: 'Référence', value: 'R3' });
  });

  it('stops writing a strict import at its first bad row and still reports every bad row, as on the main thread', async () => {
    const here = await createTestOrg(db);
    const there = await createTestOrg(db);
    const onMain = await importInto(here.id, { script: null }, false);
    const inWorker = await importInto(there.id, { afterRows: 10 }, false);
    expect(inWorker).toMatchObject({ committed: false, rows: 40, created: 0, rejected: 7 });
    expect({ ...inWorker, importId: null, rejectedCsv: null }).toEqual({
      ...onMain,
      importId: null,
      rejectedCsv: null,
    });
    expect(await ordersOf(there.id)).toEqual([]);
  });

  it('answers a failed worker with one clear error, and writes nothing', async () => {
    const org = await createTestOrg(db);
    const failing = join(dir, 'failing-row-worker.mjs');
    await writeFile(
      failing,
      "import { parentPort } from 'node:worker_threads';\n" +
        "parentPort.on('message', () => { throw new Error('out of memory, say'); });\n",
    );
    const err = await importInto(org.id, { afterRows: 10, script: pathToFileURL(failing) }, false).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'internal',
      message: IMPORT_MESSAGES.fr.rowCheckFailed('out of memory, say'),
    });
    const written = await db.query<{ orders: number; imports: number }>(
      `SELECT (SELECT count(*) FROM orders WHERE org_id = $1)::int AS orders,
              (SELECT count(*) FROM imports WHERE org_id = $1)::int AS imports`,
      [org.id],
    );
    expect(written.rows[0]).toEqual({ orders: 0, imports: 0 });
    // Partial imports too: the rows before the failure are not kept.
    await expect(importInto(org.id, { afterRows: 10, script: pathToFileURL(failing) }, true)).rejects.toThrow(
      IMPORT_MESSAGES.fr.rowCheckFailed('out of memory, say'),
    );
    expect((await ordersOf(org.id)).length).toBe(0);
  });
});
