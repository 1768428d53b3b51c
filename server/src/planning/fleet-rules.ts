/**
 * The rules of real fleets as solver terms (pure), for problem-builder.ts:
 * - weekly hours: one `WorkLimit` per (driver, ISO week), less what the driver works that week
 *   outside the plan;
 * - daily rest: a shift ends early enough for the rest before the driver's next shift (on another
 *   day), and starts late enough after the driver's previous route outside the plan;
 * - driving before a break: enough breaks of `drivingBreakMin` in the shift for a feasible placement.
 * Loading docks are fleet/docks.ts.
 */
import { isoWeekOf, type WorkingTimeSettings } from '@tournee/shared';
import type { Break, Problem } from '@tournee/solver';

/** The solver's work limit (`Problem.workLimits`). */
export type WorkLimit = NonNullable<Problem['workLimits']>[number];

const H = 3600;

/**
 * A driver's work the plan does not change (a route kept, of another depot or day), or a shift of
 * the driver outside the plan (only bounds the rest: nothing is planned on it yet).
 */
export interface OutsideWork {
  driverId: string;
  localDate: string;
  startAt: string;
  endAt: string;
  /** A route (its hours count toward the week); false: a shift without a route. */
  worked: boolean;
}

export interface RuleShift {
  id: string;
  driverId: string | null;
  localDate: string;
  startAt: string;
  endAt: string;
  /** Seconds of the shift worked already (a started route planned again: before its last visited stop). */
  doneS?: number;
}

/** The work-limit id of a driver's ISO week (`week:<driver>:<2026-W49>`). */
export const workLimitId = (driverId: string, weekLabel: string): string => `week:${driverId}:${weekLabel}`;

/** Seconds a driver works outside the plan, by `driver|week`. */
export function outsideWeekS(outside: readonly OutsideWork[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of outside) {
    if (!w.worked) continue;
    const k = `${w.driverId}|${isoWeekOf(w.localDate).label}`;
    out.set(k, (out.get(k) ?? 0) + Math.max(0, (Date.parse(w.endAt) - Date.parse(w.startAt)) / 1000));
  }
  return out;
}

/** One limit per (driver, ISO week) with a shift in the plan: the weekly cap less the work outside it. */
export function weeklyLimits(
  shifts: readonly RuleShift[],
  rules: WorkingTimeSettings,
  outside: readonly OutsideWork[],
): WorkLimit[] {
  if (rules.maxWeeklyHours === null) return [];
  const used = outsideWeekS(outside);
  const groups = new Map<string, { driverId: string; week: string; ids: string[]; doneS: number }>();
  for (const s of shifts) {
    if (!s.driverId) continue;
    const week = isoWeekOf(s.localDate).label;
    const k = `${s.driverId}|${week}`;
    let g = groups.get(k);
    if (!g) {
      g = { driverId: s.driverId, week, ids: [], doneS: 0 };
      groups.set(k, g);
    }
    g.ids.push(s.id);
    g.doneS += s.doneS ?? 0;
  }
  return [...groups.entries()].map(([k, g]) => ({
    id: workLimitId(g.driverId, g.week),
    vehicles: g.ids,
    maxWorkS: Math.max(0, Math.floor(rules.maxWeeklyHours! * H - (used.get(k) ?? 0) - g.doneS)),
  }));
}

/**
 * Daily rest: per shift, the earliest start and latest end (ms) that leave the driver
 * `minDailyRestHours` between two working days. Shifts of one driver on the same day (a split
 * shift) are not apart by a daily rest.
 */
export function restBounds(
  shifts: readonly RuleShift[],
  rules: WorkingTimeSettings,
  outside: readonly OutsideWork[],
): Map<string, { earliestStartMs?: number; latestEndMs?: number }> {
  const out = new Map<string, { earliestStartMs?: number; latestEndMs?: number }>();
  if (rules.minDailyRestHours === null) return out;
  const restMs = rules.minDailyRestHours * H * 1000;
  type Item = { shiftId: string | null; localDate: string; start: number; end: number; worked: boolean };
  const byDriver = new Map<string, Item[]>();
  const push = (driverId: string, it: Item) => {
    const list = byDriver.get(driverId) ?? [];
    list.push(it);
    byDriver.set(driverId, list);
  };
  for (const s of shifts) {
    if (s.driverId)
      push(s.driverId, {
        shiftId: s.id,
        localDate: s.localDate,
        start: Date.parse(s.startAt),
        end: Date.parse(s.endAt),
        worked: true,
      });
  }
  for (const w of outside) {
    if (byDriver.has(w.driverId))
      push(w.driverId, {
        shiftId: null,
        localDate: w.localDate,
        start: Date.parse(w.startAt),
        end: Date.parse(w.endAt),
        worked: w.worked,
      });
  }
  for (const items of byDriver.values()) {
    items.sort((a, b) => a.start - b.start);
    items.forEach((it, i) => {
      if (!it.shiftId) return;
      const b: { earliestStartMs?: number; latestEndMs?: number } = {};
      // The next item on another day starts no earlier than its start: end before it, rested.
      const next = items.slice(i + 1).find((n) => n.localDate !== it.localDate);
      if (next && next.start - restMs < it.end) b.latestEndMs = next.start - restMs;
      // A route outside the plan before it: start rested after its end (plan shifts bound themselves by their end).
      const prev = items
        .slice(0, i)
        .reverse()
        .find((p) => p.localDate !== it.localDate);
      if (prev && !prev.shiftId && prev.worked && prev.end + restMs > it.start) b.earliestStartMs = prev.end + restMs;
      if (b.latestEndMs !== undefined || b.earliestStartMs !== undefined) out.set(it.shiftId, b);
    });
  }
  return out;
}

/**
 * Breaks the driving limit needs in a route window `[start, end]` (axis seconds) beside the
 * shift's own breaks of at least `drivingBreakMin`: with n breaks a route drives at most
 * (n + 1) × the limit and spends n × the break, so n ≥ (length − limit) / (limit + break). Each
 * may be taken anywhere in the window. At most one: the solver places every break it is given, so
 * a long shift would spend hours on breaks it never needs (four on a 23 h shift), and one break
 * already allows twice the limit, the daily driving maximum of EU 561/2006 art. 6 (9 h = 2 × 4.5 h).
 */
/** The id of the k-th driving break the limit adds to shift `idPrefix`. */
const drivingBreakId = (idPrefix: string, k: number) => `${idPrefix}#drive${k}`;

/** Whether a solver step id names a break the driving limit added (not one of the shift's own). */
export const isAddedDrivingBreak = (id: unknown): boolean => /#drive\d+$/.test(String(id ?? ''));

export function drivingBreaks(
  idPrefix: string,
  window: readonly [number, number],
  rules: WorkingTimeSettings,
  ownBreaksS: readonly number[],
): Break[] {
  if (rules.maxDrivingHours === null) return [];
  const limit = rules.maxDrivingHours * H;
  const breakS = rules.drivingBreakMin * 60;
  const length = window[1] - window[0];
  if (length <= limit) return [];
  const needed = Math.min(1, Math.ceil((length - limit) / (limit + breakS)));
  const own = ownBreaksS.filter((s) => s >= breakS).length;
  return Array.from({ length: Math.max(0, needed - own) }, (_, k) => ({
    id: drivingBreakId(idPrefix, k),
    description: 'driving break',
    timeWindows: [[window[0], Math.max(window[0], window[1] - breakS)]],
    serviceS: breakS,
  }));
}
