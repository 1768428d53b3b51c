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
import { idleRowThreadId, type RowThreadOptions, rowWorkerScript, stopIdleRowThreads } from './row-thread.ts';
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
// where the worker thread takes over below (afterRows: 10 data rows); after it, a blank line
// (rows are still numbered as the file has them) and a quoted cell over two lines.
const ROWS = [
  'Référence;Client;Téléphone;Latitude;Longitude;Date;Poids (kg)',
  ...Array.from({ length: 40 }, (_, i) => {
    const ref = i === 15 ? 'R3' : i === 30 ? 'R20' : `R${i}`; // R3 again after the hand-over, R20 both after
    const phone = i === 5 || i === 25 ? 'pas un numéro' : '06 12 34 56 78';
    const date = i === 7 || i === 27 ? '31/02/2027' : '23/03/2027';
    const lat = i === 33 ? '95' : '45,76';
    const client = i === 22 ? '"Client 22;\nchez ""Zoé"""' : `Client ${i}`;
    const line = `${ref};${client};${phone};${lat};4,83;${date};${i / 2}`.replace('.', ',');
    return i === 24 ? `${line}\n` : line;
  }),
].join('\n');

/** The file in one piece, or in pieces of `size` bytes (as an upload arrives: the worker then parses the rest). */
const upload = (text: string, size?: number) => {
  const bytes = Buffer.from(text);
  if (!size) return Readable.from([bytes]);
  return Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)),
  );
};

async function importInto(orgId: string, rowThreads: RowThreadOptions, partial = true, pieces?: number, text = ROWS) {
  const deps: ImportDeps = { db, geocoder: null, rowThreads };
  return runImport(deps, systemActor(orgId), {
    source: await csvSource(upload(text, pieces), IMPORT_MESSAGES.fr),
    filename: 'orders.csv',
    partial,
    mapping: {},
    messages: IMPORT_MESSAGES.fr,
  });
}

const ordersOf = async (orgId: string) =>
  (
    await db.query<Record<string, unknown>>(
      `SELECT ref, name, phone, address, date_from, date_to, time_windows, service_s, demand, skills, priority,
              notes, status, geocoded, content_hash, ST_AsText(location) AS location, pickup_location
         FROM orders WHERE org_id = $1 ORDER BY ref`,
      [orgId],
    )
  ).rows;

describe('rows checked in a worker thread', () => {
  it.each([
    { sent: 'rows read here', pieces: undefined, startAfterRows: undefined },
    { sent: 'the rest of the file as it arrives, parsed there', pieces: 23, startAfterRows: undefined },
    // Started before it takes over, it must still learn of the refs met here in between (R3).
    { sent: 'the rest of the file, started at the second row', pieces: 23, startAfterRows: 2 },
  ])(
    'gives the same answer and the same orders as rows checked on the main thread (worker sent $sent)',
    async ({ pieces, startAfterRows }) => {
      const here = await createTestOrg(db);
      const there = await createTestOrg(db);
      const onMain = await importInto(here.id, { script: null });
      const inWorker = await importInto(there.id, { afterRows: 10, startAfterRows }, true, pieces);
      expect(inWorker).toMatchObject({ rows: 40, created: 33, rejected: 7 });
      expect({ ...inWorker, importId: null, rejectedCsv: null }).toEqual({
        ...onMain,
        importId: null,
        rejectedCsv: null,
      });
      expect(await ordersOf(there.id)).toEqual(await ordersOf(here.id));
      // The second R3 is refused by the worker, which knew the first from the main thread.
      expect(inWorker.errors.find((e) => e.row === 17)).toMatchObject({ column: 'Référence', value: 'R3' });
      // Rows after the blank line keep the file's numbers: R33 (latitude 95) is on row 36.
      expect(inWorker.errors.find((e) => e.value === '95')).toMatchObject({ row: 36, column: 'Latitude' });
      expect((await ordersOf(there.id)).find((o) => o.ref === 'R22')).toMatchObject({ name: 'Client 22;\nchez "Zoé"' });
      // The rejected rows' cells come back from the worker as the file had them.
      const rejected = await db.query<{ cells: string[] }>(
        'SELECT cells FROM import_rejections WHERE import_id = $1 AND row_number = 36',
        [inWorker.importId],
      );
      expect(rejected.rows[0]?.cells).toEqual([
        'R33',
        'Client 33',
        '06 12 34 56 78',
        '95',
        '4,83',
        '23/03/2027',
        '16,5',
      ]);
    },
  );

  it('refuses a quote never closed after the hand-over as on the main thread, naming its row', async () => {
    const org = await createTestOrg(db);
    const broken = `${ROWS}\nR99;"Client 99;06 12 34 56 78;45,76;4,83;23/03/2027;1`;
    const errorOf = (threads: RowThreadOptions) =>
      importInto(org.id, threads, true, 23, broken).then(
        () => null,
        (e: unknown) => e,
      );
    const onMain = await errorOf({ script: null });
    expect(onMain).toMatchObject({ code: 'unprocessable', message: IMPORT_MESSAGES.fr.unclosedQuote(43) });
    expect(await errorOf({ afterRows: 10 })).toEqual(onMain);
    expect((await ordersOf(org.id)).length).toBe(0);
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

  it('keeps its thread warm for the next import, which starts afresh: nothing of the last one carries over', async () => {
    const script = rowWorkerScript()!;
    const answerOf = async (threads: RowThreadOptions, partial = true, text = ROWS) => {
      const org = await createTestOrg(db);
      const answer = await importInto(org.id, threads, partial, 23, text);
      return { answer: { ...answer, importId: null, rejectedCsv: null }, orders: await ordersOf(org.id) };
    };
    const onMain = await answerOf({ script: null });
    const first = await answerOf({ afterRows: 10 });
    const warm = idleRowThreadId(script);
    expect(warm).not.toBeNull();
    // The same refs again, in the same thread: none is a duplicate of the last import's.
    expect(await answerOf({ afterRows: 10 })).toEqual(first);
    expect(first).toEqual(onMain);
    expect(idleRowThreadId(script)).toBe(warm);
    // An import that ended on a bad file, then a strict one, in the thread it left.
    const broken = `${ROWS}\nR99;"Client 99;06 12 34 56 78;45,76;4,83;23/03/2027;1`;
    await expect(answerOf({ afterRows: 10 }, true, broken)).rejects.toThrow(IMPORT_MESSAGES.fr.unclosedQuote(43));
    expect(await answerOf({ afterRows: 10 }, false)).toEqual(await answerOf({ script: null }, false));
    await stopIdleRowThreads();
    expect(idleRowThreadId(script)).toBeNull();
    expect(await answerOf({ afterRows: 10 })).toEqual(first);
    // Left idle long enough, it stops: a server at rest gives its memory back.
    expect(idleRowThreadId(script)).not.toBeNull();
    await answerOf({ afterRows: 10, idleMs: 50 });
    await expect.poll(() => idleRowThreadId(script)).toBeNull();
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

// A clean file's chunks come back from the thread as the statement's columns (ReadyRows),
// however the upload was cut. With `bad`, some rows the main thread must still handle — no
// service time of its own (learned), no coordinates (geocoded; here refused), a bad date — send
// the chunks that hold them row by row. Every row is warned about (the fleet has no shift), some
// twice (too heavy, a skill no van has).
const readyFile = (bad: boolean, rename: Record<number, string> = {}) =>
  [
    'Référence;Client;Adresse;Latitude;Longitude;Date;Durée (min);Poids (kg);Compétences',
    ...Array.from({ length: 60 }, (_, i) => {
      const place = bad && i === 40 ? ';' : '45,76;4,83';
      const service = bad && i === 30 ? '' : String(5 + (i % 3));
      const date = bad && i === 50 ? '31/02/2027' : '23/03/2027';
      const kg = i === 12 ? '1200' : String(i % 7);
      const skill = i === 13 ? 'grue' : '';
      const client = rename[i] ?? `Client ${i}`;
      return `D${i};${client};${i} rue de la République, Lyon;${place};${date};${service};${kg};${skill}`;
    }),
  ].join('\n');

const rejectionsOf = async (importId: string | null) =>
  (
    await db.query<{ row_number: number; errors: unknown; cells: unknown }>(
      'SELECT row_number, errors, cells FROM import_rejections WHERE import_id = $1 ORDER BY row_number',
      [importId],
    )
  ).rows.map((r) => [r.row_number, r.errors, r.cells]);

async function withFleet(): Promise<string> {
  const org = await createTestOrg(db);
  const depot = await db.query<{ id: string }>(
    `INSERT INTO depots (org_id, name, location, time_zone)
     VALUES ($1, 'Lyon', ST_SetSRID(ST_MakePoint(4.835, 45.733), 4326)::geography, 'Europe/Paris') RETURNING id`,
    [org.id],
  );
  await db.query(
    `INSERT INTO vehicles (org_id, depot_id, name, capacity, skills) VALUES ($1, $2, 'Van', '{800,6,60}', '{fridge}')`,
    [org.id, depot.rows[0]!.id],
  );
  return org.id;
}

describe('rows the thread makes ready to write', () => {
  it('writes and answers as the main thread does: first import, re-import, a changed file with a locked order, a strict import', async () => {
    const here = await withFleet();
    const there = await withFleet();
    const both = async (text: string, partial = true) => {
      const onMain = await importInto(here, { script: null }, partial, 150, text);
      let readyRows = 0;
      const inWorker = await importInto(there, { afterRows: 10, onReady: (n) => (readyRows += n) }, partial, 150, text);
      expect({ ...inWorker, importId: null, rejectedCsv: null }).toEqual({
        ...onMain,
        importId: null,
        rejectedCsv: null,
      });
      expect(await ordersOf(there)).toEqual(await ordersOf(here));
      // The rejected rows kept for the CSV to fix hold the cells as the file had them, wherever they were parsed.
      expect(await rejectionsOf(inWorker.importId)).toEqual(await rejectionsOf(onMain.importId));
      return { answer: inWorker, readyRows };
    };

    const first = await both(readyFile(false));
    // Past the rows checked here (10, and the rest of the chunk the 10th was in), every row of the
    // clean file came back ready to write.
    expect(first.readyRows).toBeGreaterThanOrEqual(45);
    expect(first.answer).toMatchObject({ rows: 60, created: 60, rejected: 0 });
    expect(first.answer.warnings.filter((w) => w.code === 'no_shift')).toHaveLength(60);
    expect(first.answer.warnings.filter((w) => w.code !== 'no_shift').map((w) => [w.row, w.code])).toEqual([
      [14, 'capacity'],
      [15, 'skill'],
    ]);

    const again = await both(readyFile(false));
    expect(again.answer).toMatchObject({ created: 0, updated: 0, unchanged: 60, rejected: 0 });

    for (const org of [here, there]) {
      await db.query(`UPDATE orders SET status = 'dispatched' WHERE org_id = $1 AND ref = 'D35'`, [org]);
    }
    const changed = await both(readyFile(false, { 35: 'Client trente-cinq', 36: 'Client 36 bis' }));
    expect(changed.readyRows).toBeGreaterThanOrEqual(45);
    expect(changed.answer).toMatchObject({ created: 0, updated: 1, unchanged: 58, rejected: 1 });
    expect(changed.answer.errors.find((e) => e.value === 'D35')).toMatchObject({ row: 37, column: 'Référence' });
    expect((await rejectionsOf(changed.answer.importId)).map(([row, , cells]) => [row, cells])).toEqual([
      [37, ['D35', 'Client trente-cinq', '35 rue de la République, Lyon', '45,76', '4,83', '23/03/2027', '7', '0', '']],
    ]);

    const mixed = await both(readyFile(true, { 36: 'Client 36 ter' }));
    expect(mixed.answer).toMatchObject({ created: 0, updated: 1, unchanged: 57, rejected: 2 });

    const strict = await both(readyFile(true, { 36: 'Client 36 quater' }), false);
    expect(strict.answer).toMatchObject({ committed: false, created: 0, updated: 0, rejected: 2 });

    // Cells holding control characters (once the statement's separators, made spaces), in the
    // text the thread parses: written as the file has them, as on the main thread.
    const odd = await both(readyFile(false, { 20: 'Client\x1fvingt', 58: 'Client\x1ecinquante-huit' }));
    expect(odd.answer).toMatchObject({ created: 0, updated: 3, rejected: 0 }); // and D36, named back
    for (const org of [here, there]) {
      const names = new Map((await ordersOf(org)).map((o) => [o.ref, o.name]));
      expect([names.get('D20'), names.get('D58')]).toEqual(['Client\x1fvingt', 'Client\x1ecinquante-huit']);
    }
  });
});
