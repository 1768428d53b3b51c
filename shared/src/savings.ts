/**
 * Proof of the savings: a baseline (the customer's own routes of a day, imported and evaluated
 * with the plan's travel and rules, never solved) and its comparison with a plan.
 */
import { z } from 'zod';
import type { ImportRowError } from './orders.ts';
import { LocalDateField } from './time.ts';

/** `POST /api/baselines` options (query string or form fields beside the file). */
export const BaselineImportOptions = z.object({
  /** The day the routes ran; rows without a date column are on it. */
  date: LocalDateField,
  /** A name for the baseline. @default the file name */
  name: z.string().trim().min(1).max(200).optional(),
});
export type BaselineImportOptions = z.infer<typeof BaselineImportOptions>;

/** `GET /api/plans/:id/compare?baseline=…`. */
export const CompareQuery = z.object({ baseline: z.uuid({ message: 'must be a baseline id (uuid)' }) });

/** The figures of a set of routes, evaluated the same way for a baseline and a plan. */
export interface RouteSetFigures {
  /** Routes with at least one stop (vehicle-days used). */
  vehicles: number;
  stops: number;
  distanceM: number;
  /** Time spent driving (travel only, with each vehicle's speed factor). */
  drivingS: number;
  /** From leaving the depot to being back, summed over routes. */
  durationS: number;
  /** Past each shift's end, summed. */
  overtimeS: number;
  lateStops: number;
  /** fixed cost + cost per km + cost per hour of each route's vehicle. */
  cost: number;
}

/** One evaluated route of a baseline. */
export interface BaselineRoute extends Omit<RouteSetFigures, 'vehicles'> {
  /** The `driver` or `vehicle` cell that grouped the rows. */
  key: string;
  vehicleId: string;
  vehicleName: string;
  startAt: string;
  endAt: string;
  /** Stop refs in the file's `seq` order. */
  refs: string[];
  violations: string[];
}

export interface Baseline {
  id: string;
  name: string;
  localDate: string;
  createdAt: string;
  totals: RouteSetFigures;
  routes: BaselineRoute[];
}

/** The answer of a baseline import: the evaluated baseline, or the rows to fix. */
export type BaselineImportResult =
  | { ok: true; baseline: Baseline }
  | { ok: false; errors: ImportRowError[]; message: string };

export const COMPARED_FIGURES = [
  'vehicles',
  'distanceM',
  'drivingS',
  'overtimeS',
  'lateStops',
  'cost',
] as const satisfies readonly (keyof RouteSetFigures)[];
export type ComparedFigure = (typeof COMPARED_FIGURES)[number];

export interface FigureDelta {
  figure: ComparedFigure;
  baseline: number;
  plan: number;
  /** plan − baseline (negative = saved). */
  delta: number;
  /** delta / baseline × 100, one decimal; null when the baseline is 0. */
  pct: number | null;
}

export interface PlanComparison {
  planId: string;
  baselineId: string;
  localDate: string;
  baseline: RouteSetFigures;
  plan: RouteSetFigures;
  deltas: FigureDelta[];
}

/** Deltas of every compared figure (pure; the card, the report and the API share it). */
export function compareFigures(baseline: RouteSetFigures, plan: RouteSetFigures): FigureDelta[] {
  return COMPARED_FIGURES.map((figure) => {
    const b = baseline[figure];
    const p = plan[figure];
    const delta = p - b;
    return { figure, baseline: b, plan: p, delta, pct: b === 0 ? null : Math.round((delta / b) * 1000) / 10 };
  });
}
