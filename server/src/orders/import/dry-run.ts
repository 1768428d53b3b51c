import type { ImportResult } from '@tournee/shared';
import type { Actor } from '../../audit/audit.ts';
import { type ImportDeps, type ImportRequest, displayCell, runImport } from './pipeline.ts';
import type { RowSource, SourceRow } from './sources.ts';

/** Rows shown in an import preview. */
export const PREVIEW_ROWS = 10;

class Rollback {
  constructor(readonly result: ImportResult) {}
}

/** The same source, keeping a copy of the first rows' cells as the user would see them. */
function tapped(source: RowSource, into: string[][]): RowSource {
  return {
    ...source,
    rows: (async function* () {
      for await (const chunk of source.rows as AsyncIterable<SourceRow[]>) {
        for (const r of chunk) if (into.length < PREVIEW_ROWS) into.push(r.cells.map(displayCell));
        yield chunk;
      }
    })(),
  };
}

/**
 * A dry run: the whole import — validation, conflicts, geocoding — inside a transaction that is
 * rolled back, so the answer is exactly what importing would do, and nothing is written.
 */
export async function previewImport(deps: ImportDeps, actor: Actor, req: ImportRequest): Promise<ImportResult> {
  const preview: string[][] = [];
  try {
    await deps.db.transaction(async (tx) => {
      const result = await runImport({ ...deps, db: tx }, actor, { ...req, source: tapped(req.source, preview) });
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
      preview,
    };
  }
  throw new Error('unreachable: a dry run always rolls back');
}
