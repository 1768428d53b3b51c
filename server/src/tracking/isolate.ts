/**
 * A flush writes the points of many drivers in one statement; if the database refuses the data
 * of one point (a value a column cannot hold, a constraint), the whole statement fails. Then the
 * rows are halved and each half written again, down to the single point that fails alone: that
 * point is refused for good (acked `invalid`, so the phone drops it instead of re-sending it
 * forever) and every other point is stored. Only data errors are isolated: a lost connection or a
 * database shutting down fails the flush as before, so the phones send again later.
 */

/** SQLSTATE classes that blame the data sent, not the database: 22 data exception, 23 integrity. */
const DATA_ERROR_CLASSES = new Set(['22', '23']);

/** True when `err` is a PostgreSQL (or PGlite) error caused by the values written. */
export function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length === 5 && DATA_ERROR_CLASSES.has(code.slice(0, 2));
}

export interface Isolated<R, T> {
  /** Results of the writes that succeeded (one per successful sub-batch). */
  results: R[];
  /** The rows the database refused on their own, each with its error. */
  refused: { row: T; err: unknown }[];
}

/**
 * Writes `rows` with `write`; on a data error, halves them and writes each half, recursively.
 * Any other error is thrown (rows already written by earlier halves stay written: the writer
 * must be idempotent, as the position insert is by client id). Halves run one after the other,
 * so one bad point in n costs about 2·log2(n) statements.
 */
export async function writeIsolating<T, R>(
  rows: readonly T[],
  write: (rows: readonly T[]) => Promise<R>,
  isData: (err: unknown) => boolean = isDataError,
): Promise<Isolated<R, T>> {
  const out: Isolated<R, T> = { results: [], refused: [] };
  const step = async (part: readonly T[]): Promise<void> => {
    if (part.length === 0) return;
    try {
      out.results.push(await write(part));
    } catch (err) {
      if (!isData(err)) throw err;
      if (part.length === 1) {
        out.refused.push({ row: part[0]!, err });
        return;
      }
      const mid = part.length >> 1;
      await step(part.slice(0, mid));
      await step(part.slice(mid));
    }
  };
  await step(rows);
  return out;
}
