/**
 * Solution → VROOM output JSON, field by field as in VROOM's docs/API.md "Output": step `duration`
 * is the cumulative travel time, `setup` is reported apart from `service`, `violations` are always
 * empty (no plan mode), `computing_times.routing` is 0 (no routing engine) and `distance` is
 * omitted when matrices come without distances.
 */
import type { Id, Problem, Route, Solution, Step } from '../types.ts';
import { validateProblem } from '../validate.ts';
import { type Echo, echoOf } from './echo.ts';
import { type TaskRef, type TaskRefs, taskRefs } from './task-refs.ts';
import { unassignedToVroom } from './unassigned.ts';
import { delayStart, lateRoom } from './waiting.ts';

export interface VroomOutputOptions {
  /** Time spent reading and checking the input (VROOM's `computing_times.loading`). */
  loadingMs?: number;
}

/** Adds `b` into `a`, component by component. */
function add(a: number[], b: number[]): void {
  b.forEach((x, i) => {
    a[i] = (a[i] ?? 0) + x;
  });
}

interface Context {
  problem: Problem;
  refs: TaskRefs;
  dims: number;
  withDistance: boolean;
  echo?: Echo;
}

/** Totals a route adds to the summary. */
interface RouteTotals {
  setup: number;
  priority: number;
  delivery: number[];
  pickup: number[];
}

function routeToVroom(r: Route, ctx: Context): { route: Record<string, unknown>; totals: RouteTotals } {
  const { problem, refs, dims, withDistance } = ctx;
  const zeros = () => Array.from({ length: dims }, () => 0);
  const vehicle = problem.vehicles[r.vehicle];
  const breakOf = (id: Id | undefined) => vehicle?.breaks?.find((b) => b.id === id);
  const refOf = (s: Step): TaskRef | undefined =>
    s.type === 'job' || s.type === 'pickup' || s.type === 'delivery' ? refs[s.type].get(s.id as Id) : undefined;
  /** Coordinates the input gave beside the step's matrix index. */
  const echoed = (s: Step) => {
    if (s.type === 'start') return vehicle?.start === s.location ? ctx.echo?.start.get(r.vehicle) : undefined;
    if (s.type === 'end') return vehicle?.end === s.location ? ctx.echo?.end.get(r.vehicle) : undefined;
    if (s.type === 'job' || s.type === 'pickup' || s.type === 'delivery') return ctx.echo?.task[s.type].get(s.id as Id);
    return undefined;
  };
  const steps = delayStart(r.steps, (s) => {
    if (s.type === 'break') return lateRoom(s.serviceStart, breakOf(s.id)?.timeWindows);
    if (s.type === 'end') return Number.POSITIVE_INFINITY;
    return lateRoom(s.serviceStart, refOf(s)?.windows);
  });
  const acc = { setup: 0, service: 0, waiting: 0, priority: 0, delivery: zeros(), pickup: zeros() };
  const depart = steps[0]?.departure ?? 0;
  let busy = 0;
  const outSteps = steps.map((s) => {
    const ref = refOf(s);
    const brk = s.type === 'break' ? breakOf(s.id) : undefined;
    const service = ref ? ref.serviceS : brk ? (brk.serviceS ?? 0) : 0;
    const setup = Math.max(0, s.departure - s.serviceStart - service);
    const travel = s.arrival - depart - busy - acc.waiting;
    busy += s.departure - s.serviceStart;
    acc.waiting += s.waitingS;
    acc.setup += setup;
    acc.service += service;
    if (ref) {
      acc.priority += ref.priority;
      add(acc.delivery, ref.delivery);
      add(acc.pickup, ref.pickup);
    }
    const out: Record<string, unknown> = { type: s.type };
    const desc = ref?.description ?? brk?.description;
    if (desc !== undefined) out.description = desc;
    const coords = typeof s.location === 'number' ? echoed(s) : s.location;
    if (coords) out.location = coords;
    if (typeof s.location === 'number') out.location_index = s.location;
    if (s.id !== undefined && s.type !== 'start' && s.type !== 'end') out.id = s.id;
    out.setup = setup;
    out.service = service;
    out.waiting_time = s.waitingS;
    if (ref) out.job = s.id; // deprecated in VROOM, still sent on job, pickup and delivery steps
    if (dims > 0) out.load = s.load;
    out.arrival = s.arrival;
    out.duration = travel;
    out.violations = [];
    if (withDistance) out.distance = s.distance;
    return out;
  });
  const route: Record<string, unknown> = { vehicle: r.vehicleId, cost: r.cost };
  if (vehicle?.description !== undefined) route.description = vehicle.description;
  if (dims > 0) {
    route.delivery = acc.delivery;
    route.amount = acc.delivery.slice(); // deprecated VROOM key: same as delivery
    route.pickup = acc.pickup;
  }
  route.setup = acc.setup;
  route.service = acc.service;
  route.duration = r.travelS;
  route.waiting_time = acc.waiting;
  route.priority = acc.priority;
  if (withDistance) route.distance = r.distance;
  route.steps = outSteps;
  route.violations = [];
  return {
    route,
    totals: { setup: acc.setup, priority: acc.priority, delivery: acc.delivery, pickup: acc.pickup },
  };
}

/**
 * VROOM reports distances when it has them: from a routing engine (our speed model, without
 * matrices) or from `distances` matrices, here for every profile in use (else a vehicle on a
 * profile without them would show 0).
 */
function withDistance(problem: Problem): boolean {
  if (!problem.matrices) return true;
  return (
    problem.matrices.distances !== undefined &&
    Object.values(problem.profileMatrices ?? {}).every((m) => m.distances !== undefined)
  );
}

/** Solution → VROOM output JSON (`code` 0, `summary`, `unassigned`, `routes`). */
export function toVroom(solution: Solution, problem: Problem, opts: VroomOutputOptions = {}): Record<string, unknown> {
  const dims = validateProblem(problem);
  const ctx: Context = {
    problem,
    refs: taskRefs(problem, dims),
    dims,
    withDistance: withDistance(problem),
    echo: echoOf(problem),
  };
  const zeros = () => Array.from({ length: dims }, () => 0);
  const total = { setup: 0, priority: 0, delivery: zeros(), pickup: zeros() };
  const routes = solution.routes.map((r) => {
    const { route, totals } = routeToVroom(r, ctx);
    total.setup += totals.setup;
    total.priority += totals.priority;
    add(total.delivery, totals.delivery);
    add(total.pickup, totals.pickup);
    return route;
  });
  const unassigned = unassignedToVroom(solution, problem, ctx.echo);
  const summary: Record<string, unknown> = {
    cost: solution.summary.cost,
    routes: solution.summary.routes,
    unassigned: unassigned.length,
  };
  if (dims > 0) {
    summary.delivery = total.delivery;
    summary.amount = total.delivery.slice();
    summary.pickup = total.pickup;
  }
  summary.setup = total.setup;
  summary.service = routes.reduce((a, r) => a + (r.service as number), 0);
  summary.duration = solution.summary.travelS;
  summary.waiting_time = routes.reduce((a, r) => a + (r.waiting_time as number), 0);
  summary.priority = total.priority;
  if (ctx.withDistance) summary.distance = solution.summary.distance;
  summary.violations = [];
  summary.computing_times = {
    loading: Math.round(opts.loadingMs ?? 0),
    solving: solution.summary.computingTimeMs,
    routing: 0,
  };
  return { code: 0, summary, unassigned, routes };
}
