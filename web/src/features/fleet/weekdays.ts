/** The ISO weekdays, Monday (1) to Sunday (7). */
export const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/** ISO weekday (1 = Monday) in the UI language; 2024-01-01 was a Monday, so no lookup table. */
export const weekdayName = (d: number, locale: string, width: 'short' | 'long' = 'short') =>
  new Date(Date.UTC(2024, 0, d)).toLocaleDateString(locale, { weekday: width, timeZone: 'UTC' });

/** Weekdays as the eye reads them: runs joined ("Mon–Fri"), others listed ("Mon–Wed, Sat"). */
export function weekdaysText(days: number[], locale: string): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const d of sorted) {
    const last = runs.at(-1);
    if (last && last.at(-1) === d - 1) last.push(d);
    else runs.push([d]);
  }
  return runs
    .map((r) =>
      r.length >= 3
        ? `${weekdayName(r[0]!, locale)}–${weekdayName(r.at(-1)!, locale)}`
        : r.map((d) => weekdayName(d, locale)).join(', '),
    )
    .join(', ');
}
