import type { ImportResult, ImportRulesOutcome } from '@tournee/shared';
import type { Actor } from '../../audit/audit.ts';
import { displayCell } from './import-tally.ts';
import { type ImportDeps, type ImportRequest, runImport } from './pipeline.ts';
import type { RowSource, SourceRow } from './sources.ts';

/** Rows shown in an import preview. */
export const PREVIEW_ROWS = 10;

class Rollback {
  constructor(readonly result: ImportResult & ImportRulesOutcome) {}
}

const DATE_FIELDS = ['date', 'date_from', 'date_to'];

/** The preview's cells as the intake rules left them, in the columns of the fields they set. */
function afterRules(result: ImportResult & ImportRulesOutcome, preview: string[][], rows: number[]): string[][] {
  if (!result.rulesApplied?.length) return preview;
  const byRow = new Map(result.rulesApplied.map((r) => [r.row, r]));
  return preview.map((cells, i) => {
    const ruled = byRow.get(rows[i]!);
    if (!ruled) return cells;
    const out = [...cells];
    for (const c of ruled.changes) {
      // A new date is one change ('date'), whichever of date / date_from / date_to the file has.
      const fields = c.field === 'date' ? DATE_FIELDS : [c.field];
      result.columns.forEach((col, at) => {
        if (col.field && fields.includes(col.field))
          out[at] = c.after.split('–')[col.field === 'date_to' ? 1 : 0] ?? c.after;
      });
    }
    return out;
  });
}

/** The same source, keeping a copy of the first rows' cells as the user would see them. */
function tapped(source: RowSource, into: string[][], rows: number[]): RowSource {
  return {
    ...source,
    rows: (async function* () {
      for await (const chunk of source.rows as AsyncIterable<SourceRow[]>) {
        for (const r of chunk) {
          if (into.length >= PREVIEW_ROWS) break;
          into.push(r.cells.map(displayCell));
          rows.push(r.row);
        }
        yield chunk;
      }
    })(),
  };
}

/**
 * A dry run: the whole import — validation, conflicts, geocoding — inside a transaction that is
 * rolled back, so the answer is exactly what importing would do, and nothing is written.
 */
export async function previewImport(
  deps: ImportDeps,
  actor: Actor,
  req: ImportRequest,
): Promise<ImportResult & ImportRulesOutcome> {
  const preview: string[][] = [];
  const previewRows: number[] = [];
  try {
    await deps.db.transaction(async (tx) => {
      const result = await runImport({ ...deps, db: tx }, actor, {
        ...req,
        source: tapped(req.source, preview, previewRows),
      });
      throw new Rollback(result);
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
    return {
      ...err.result,
      importId: null,
      committed: false,
      rejectedCsv: null,
      dryRun: true,
      preview: afterRules(err.result, preview, previewRows),
    };
  }
  throw new Error('unreachable: a dry run always rolls back');
}
