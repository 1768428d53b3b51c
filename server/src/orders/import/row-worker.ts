/**
 * The worker thread that checks an import's rows (check-rows.ts) while the main thread writes the
 * previous ones. Started by row-thread.ts with what the check needs as workerData; each message
 * is a chunk of rows, answered with one result per row, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type CheckedRow, columnNamer, RowChecker } from './check-rows.ts';
import { IMPORT_MESSAGES } from './messages.ts';
import type { RowThreadSetup } from './row-thread.ts';
import type { SourceRow } from './sources.ts';

const setup = workerData as RowThreadSetup;
const checker = new RowChecker(
  {
    fields: setup.fields,
    rules: null,
    ctx: { ...setup.ctx, messages: IMPORT_MESSAGES[setup.lang] },
    columnOf: columnNamer(setup.header, setup.fields),
  },
  0,
  setup.seen,
);
const port = parentPort!;
port.on('message', (rows: SourceRow[]) => {
  const out: CheckedRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = checker.check(rows[i]!);
  port.postMessage(out);
});
