/**
 * Loading docks among the vans that go out (pure). Before solving, the planner staggers the
 * departures of every shift of a depot's day (fleet/docks.ts `dockDepartures`): it cannot know
 * which vans the solver will use. A van left at home loads nothing, so once the routes are known
 * the departures are staggered again over the used shifts only, and each route leaves that much
 * earlier when its stops' windows allow it. Every time of the route moves by the same amount, so
 * its durations, breaks, driving and waits stay as planned, and each visit still starts inside
 * the window it was planned in.
 */
import type { Problem, Route, Step, TimeWindow } from '@tournee/solver';
import { type DockDeparture, type DockShift, dockDepartures } from '../fleet/docks.ts';

/** What the planner staggered: the shifts at docks and their depots' settings, by problem vehicle. */
export interface DockPlan {
  /** `shifts[i]` is the dock shift of `problem.vehicles[i]`, or null (no dock, or a resumed route). */
  shifts: (DockShift | null)[];
  depots: ReadonlyMap<string, { docks?: number | null; loadingMin?: number }>;
  /** The departures of the routes the plan keeps as they are: their vans load at the docks too. */
  kept: readonly DockDeparture[];
  /** Axis second of an instant (ms). */
  toAxis(ms: number): number;
}

const stepKey = (type: string, id: unknown) => `${type}|${String(id)}`;

/** The windows of every visit and break of the problem, by step type and id. */
function windowsByStep(problem: Problem): Map<string, readonly TimeWindow[]> {
  const out = new Map<string, readonly TimeWindow[]>();
  for (const j of problem.jobs ?? []) if (j.timeWindows) out.set(stepKey('job', j.id), j.timeWindows);
  for (const s of problem.shipments ?? []) {
    if (s.pickup.timeWindows) out.set(stepKey('pickup', s.pickup.id), s.pickup.timeWindows);
    if (s.delivery.timeWindows) out.set(stepKey('delivery', s.delivery.id), s.delivery.timeWindows);
  }
  for (const v of problem.vehicles) for (const b of v.breaks ?? []) out.set(stepKey('break', b.id), b.timeWindows);
  return out;
}

/** How much earlier a step may start: back to the opening of the window its start is in. */
function slackOf(step: Step, windows: Map<string, readonly TimeWindow[]>): number {
  if (step.type === 'start' || step.type === 'end' || step.type === 'reload') return Number.POSITIVE_INFINITY;
  const ws = windows.get(stepKey(step.type, step.id));
  if (!ws?.length) return Number.POSITIVE_INFINITY;
  let open = Number.NEGATIVE_INFINITY;
  for (const [a, b] of ws) if (a <= step.serviceStart && step.serviceStart <= b) open = Math.max(open, a);
  return open === Number.NEGATIVE_INFINITY ? 0 : step.serviceStart - open;
}

const earlier = (s: Step, by: number): Step => ({
  ...s,
  arrival: s.arrival - by,
  serviceStart: s.serviceStart - by,
  departure: s.departure - by,
});

/** The routes, each leaving as early as the docks allow among the vans used (the others as they were). */
export function earlierDockDepartures(routes: Route[], problem: Problem, plan: DockPlan): Route[] {
  const used = routes.flatMap((r) => {
    const s = plan.shifts[r.vehicle];
    return s ? [s] : [];
  });
  if (used.length === 0) return routes;
  const leave = dockDepartures(used, plan.depots, plan.kept);
  const windows = windowsByStep(problem);
  return routes.map((r) => {
    const s = plan.shifts[r.vehicle];
    const at = s ? leave.get(s.id) : undefined;
    const start = r.steps[0];
    if (at === undefined || !start) return r;
    let by = start.departure - plan.toAxis(at);
    for (const step of r.steps) by = Math.min(by, slackOf(step, windows));
    if (!(by > 0)) return r;
    return { ...r, steps: r.steps.map((step) => earlier(step, by)) };
  });
}
