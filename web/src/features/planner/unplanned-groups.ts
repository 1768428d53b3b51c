/**
 * The unplanned list's rows gathered by reason, in the order each reason first appears: a day
 * whose 40 orders share one long reason shows it once, as a heading, not 40 times.
 */
export interface ReasonGroup<T> {
  reason: string;
  rows: T[];
}

export function groupByReason<T>(rows: readonly T[], reasonOf: (row: T) => string): ReasonGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const reason = reasonOf(row);
    const list = groups.get(reason);
    if (list) list.push(row);
    else groups.set(reason, [row]);
  }
  return [...groups].map(([reason, list]) => ({ reason, rows: list }));
}

/** Worth grouping only when some reason is shared: otherwise each row keeps its own. */
export const sharesReasons = (groups: readonly ReasonGroup<unknown>[], rows: number) => groups.length < rows;
