/**
 * Loading docks (pure): at most `docks` vans load at a depot at once, each for `loadingMin`
 * before it leaves. The planner staggers the departures of a day's shifts (dockDepartures); an
 * edited route waits for the first dock its neighbours leave free (dockLeave).
 */

export interface DockShift {
  id: string;
  depotId: string;
  localDate: string;
  /** Ms of the shift start. */
  start: number;
}

/** A van that leaves a depot on a day at a fixed instant (ms): a route the plan keeps as it is. */
export interface DockDeparture {
  depotId: string;
  localDate: string;
  leaveMs: number;
}

/**
 * Loading docks: the instant (ms) each shift's van may leave its depot. Vans of one depot and day
 * load `loadingMin` each, at most `docks` at once, in the order of their shift starts, each at the
 * first dock free for its whole loading (dockLeave), around the departures of the routes the plan
 * keeps: with equal starts the k-th leaves at start + loadingMin + ⌊k / docks⌋ × loadingMin.
 * Depots without docks nor loading minutes are left out.
 */
export function dockDepartures(
  shifts: readonly DockShift[],
  depots: ReadonlyMap<string, { docks?: number | null; loadingMin?: number }>,
  kept: readonly DockDeparture[] = [],
): Map<string, number> {
  const out = new Map<string, number>();
  const groups = new Map<string, DockShift[]>();
  for (const s of shifts) {
    const d = depots.get(s.depotId);
    if (!d || (!d.loadingMin && !d.docks)) continue;
    const k = `${s.depotId}|${s.localDate}`;
    groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  for (const [k, group] of groups) {
    const depot = depots.get(group[0]!.depotId)!;
    const loadMs = (depot.loadingMin ?? 0) * 60_000;
    const taken = kept.filter((d) => `${d.depotId}|${d.localDate}` === k).map((d) => d.leaveMs);
    for (const s of [...group].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id))) {
      const leave = dockLeave(s.start, loadMs, depot.docks ?? null, taken);
      taken.push(leave);
      out.set(s.id, leave);
    }
  }
  return out;
}

/**
 * A van's departure once loaded at a dock where other vans' departures are already set (ms):
 * the earliest `loadMs` from `startMs` on during which fewer than `docks` of them load (each
 * loads the `loadMs` before its departure). `docks` null: as many as come.
 */
export function dockLeave(startMs: number, loadMs: number, docks: number | null, others: readonly number[]): number {
  if (docks === null || loadMs <= 0) return startMs + loadMs;
  const busy = (from: number) => others.filter((dep) => dep - loadMs < from + loadMs && from < dep).length;
  // The dock frees up when a van leaves: the earliest start is the shift start or such a moment
  // (the last of them always fits: nobody loads after the last departure).
  const candidates = [startMs, ...others.filter((dep) => dep > startMs)].sort((a, b) => a - b);
  return candidates.find((from) => busy(from) < docks)! + loadMs;
}
