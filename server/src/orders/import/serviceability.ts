/**
 * Can the fleet serve an imported row as it is? Four checks against the organisation's fleet,
 * summarised once per import (fleet/fleet-summary.ts), so each row costs a few comparisons and no
 * query: demand above every vehicle's capacity, a skill no vehicle has, farther than N km from
 * every depot, no shift on any of its days. The answers are warnings, not errors: the row is
 * imported; the planner would leave it unassigned, so the dispatcher hears it now.
 */
import { greatCircleM, type ImportWarning, type LocalDate } from '@tournee/shared';
import type { FleetSummary } from '../../fleet/fleet-summary.ts';
import type { ImportMessages } from './messages.ts';
import type { ValidRow } from './validate-row.ts';

/** How far from every depot a row may be before it is warned about. @default 150 */
export const DEFAULT_MAX_DEPOT_DISTANCE_KM = 150;

export interface ServiceabilityOptions {
  dimensions: string[];
  messages: ImportMessages;
  /** @default DEFAULT_MAX_DEPOT_DISTANCE_KM */
  maxDepotDistanceKm?: number;
  /** Patterns stand for shifts not expanded yet from this date on (past dates get no new shifts). */
  today: LocalDate;
}

/** The column a warning names, as the file calls it: `field` is a canonical field. */
export type ColumnOf = (field: string) => string;

/** Checks one row; `placeField` is the column its place came from (`lat` or `address`). */
export type RowCheck = (row: ValidRow, rowNumber: number, columnOf: ColumnOf, placeField: string) => ImportWarning[];

// Demands and capacities are decimals read from files: 0.1 + 0.2 must still fit in 0.3.
const EPSILON = 1e-9;

/** The capacity vectors no other vector holds entirely: a demand fits some vehicle iff it fits one of these. */
export function paretoFront(vectors: number[][]): number[][] {
  const dominated = (a: number[], b: number[]) => a.every((x, i) => x <= b[i]!) && a.some((x, i) => x < b[i]!);
  const unique = [...new Map(vectors.map((v) => [v.join(','), v])).values()];
  return unique.filter((v) => !unique.some((w) => w !== v && dominated(v, w)));
}

/** Index of the first element of sorted `a` not below `x`. */
function lowerBound(a: readonly string[], x: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Days since 1970-01-01 (a Thursday) of a valid YYYY-MM-DD date: plain arithmetic, no Date per day. */
const dayNumber = (d: LocalDate) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
/** Bit (ISO weekday − 1) of a day number. */
const weekdayBit = (day: number) => 1 << (((day % 7) + 10) % 7);

/** A pattern as day numbers: the days it will still make shifts for, on the weekdays of `mask`. */
interface DaySpan {
  mask: number;
  first: number;
  last: number;
}
const compiled = new WeakMap<FleetSummary, DaySpan[]>();
function daySpans(fleet: FleetSummary): DaySpan[] {
  let spans = compiled.get(fleet);
  if (!spans) {
    spans = fleet.patterns.map((p) => ({
      mask: p.weekdays.reduce((m, w) => m | (1 << (w - 1)), 0),
      // Dates already expanded are read from the shifts (a cancelled one is no shift).
      first: Math.max(dayNumber(p.validFrom), p.expandedThrough ? dayNumber(p.expandedThrough) + 1 : -Infinity),
      last: p.validTo ? dayNumber(p.validTo) : Infinity,
    }));
    compiled.set(fleet, spans);
  }
  return spans;
}

/** Whether some vehicle works on a day of [from, to]: a shift, or a pattern not yet expanded that far. */
export function hasShiftBetween(fleet: FleetSummary, from: LocalDate, to: LocalDate, today: LocalDate): boolean {
  const at = lowerBound(fleet.shiftDates, from);
  if (at < fleet.shiftDates.length && fleet.shiftDates[at]! <= to) return true;
  if (fleet.patterns.length === 0) return false;
  const lo = Math.max(dayNumber(from), dayNumber(today));
  const hi = dayNumber(to);
  for (const p of daySpans(fleet)) {
    const start = Math.max(lo, p.first);
    const end = Math.min(hi, p.last);
    // A week holds every weekday: at most seven days to look at.
    for (let d = start; d <= end && d < start + 7; d++) if (p.mask & weekdayBit(d)) return true;
  }
  return false;
}

const amount = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * The check of one import's rows against `fleet`, or null when the organisation has no vehicle
 * yet: a fleet not set up is not a problem of each row (planning says so on its own).
 */
export function serviceabilityCheck(fleet: FleetSummary, opts: ServiceabilityOptions): RowCheck | null {
  if (fleet.capacities.length === 0) return null;
  const { dimensions, messages: m, today } = opts;
  const maxKm = opts.maxDepotDistanceKm ?? DEFAULT_MAX_DEPOT_DISTANCE_KM;
  const capacities = fleet.capacities.map((c) => dimensions.map((_, i) => Number(c[i] ?? 0)));
  const largest = dimensions.map((_, i) => Math.max(...capacities.map((c) => c[i]!)));
  const front = paretoFront(capacities);
  const fits = (demand: number[], cap: number[]) => demand.every((d, i) => d <= cap[i]! + EPSILON);

  return (row, rowNumber, columnOf, placeField) => {
    const out: ImportWarning[] = [];
    const warn = (code: ImportWarning['code'], message: string, column?: string) =>
      out.push(column === undefined ? { row: rowNumber, code, message } : { row: rowNumber, column, code, message });

    let over = false;
    for (let i = 0; i < dimensions.length; i++) {
      const d = row.demand[i] ?? 0;
      if (d > largest[i]! + EPSILON) {
        over = true;
        const dim = dimensions[i]!;
        warn(
          'capacity',
          m.warn.capacity(`${amount(d)} ${dim}`, `${amount(largest[i]!)} ${dim}`),
          columnOf(`demand_${dim}`),
        );
      }
    }
    if (!over && front.length > 1 && !front.some((cap) => fits(row.demand, cap))) {
      const together = dimensions.flatMap((dim, i) => (row.demand[i] ? [`${amount(row.demand[i]!)} ${dim}`] : []));
      warn('capacity', m.warn.capacityTogether(together.join(', ')));
    }

    for (const skill of row.skills)
      if (!fleet.skills.has(skill)) warn('skill', m.warn.skill(skill), columnOf('skills'));

    if (row.lon !== null && row.lat !== null && fleet.depots.length) {
      let nearest = Number.POSITIVE_INFINITY;
      for (const d of fleet.depots)
        nearest = Math.min(nearest, greatCircleM([row.lon, row.lat], [d.lon, d.lat]) / 1000);
      if (nearest > maxKm) warn('distance', m.warn.distance(Math.round(nearest), maxKm), columnOf(placeField));
    }

    if (row.dateFrom && !hasShiftBetween(fleet, row.dateFrom, row.dateTo, today)) {
      warn('no_shift', m.warn.noShift(row.dateFrom, row.dateTo), columnOf('date'));
    }
    return out;
  };
}
