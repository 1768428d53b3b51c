/** Raw engine output (assembly/index.ts) → Solution, with loads recomputed from the problem. */
import { KIND_BREAK, KIND_DELIVERY, KIND_JOB, KIND_PICKUP, KIND_RELOAD } from './abi.ts';
import type { Encoded } from './encode.ts';
import type { Id, Location, Problem, Route, Solution, Step, Unassigned, UnassignedReason } from './types.ts';

/** The engine's reason codes (assembly/index.ts) → the shared list of the solver's reasons. */
const REASON_OF_CODE = {
  1: 'skills',
  2: 'capacity',
  3: 'time_window',
  4: 'max_travel_time',
  5: 'max_distance',
  6: 'max_stops',
  7: 'unreachable',
  8: 'no_room',
  9: 'max_driving',
  10: 'work_limit',
} as const satisfies Record<number, UnassignedReason>;
const REASONS: Partial<Record<number, UnassignedReason>> = REASON_OF_CODE;

// A reason added to the shared list without an engine code here would never be reported: this fails to compile then.
type Uncoded = Exclude<UnassignedReason, (typeof REASON_OF_CODE)[keyof typeof REASON_OF_CODE]>;
const everyReason: [Uncoded] extends [never] ? true : Uncoded = true;
void everyReason;

interface TaskInfo {
  kind: number;
  id?: Id;
  location?: Location;
  startLoad: number[];
  delta: number[];
  ref: number;
}

function taskInfos(problem: Problem, enc: Encoded): TaskInfo[] {
  const D = enc.counts.dims;
  const pad = (a?: number[]) => Array.from({ length: D }, (_, i) => a?.[i] ?? 0);
  const out: TaskInfo[] = [];
  (problem.jobs ?? []).forEach((j, i) => {
    const del = pad(j.delivery);
    const pick = pad(j.pickup);
    out.push({
      kind: KIND_JOB,
      id: j.id,
      location: j.location,
      startLoad: del,
      delta: pick.map((p, k) => p - (del[k] ?? 0)),
      ref: i,
    });
  });
  (problem.shipments ?? []).forEach((s, i) => {
    const amt = pad(s.amount);
    out.push({ kind: KIND_PICKUP, id: s.pickup.id, location: s.pickup.location, startLoad: pad(), delta: amt, ref: i });
    out.push({
      kind: KIND_DELIVERY,
      id: s.delivery.id,
      location: s.delivery.location,
      startLoad: pad(),
      delta: amt.map((a) => -a),
      ref: i,
    });
  });
  for (const [vi, bi] of enc.breaks) {
    const b = problem.vehicles[vi]?.breaks?.[bi];
    out.push({ kind: KIND_BREAK, id: b?.id ?? bi, startLoad: pad(), delta: pad(), ref: vi });
  }
  for (const vi of enc.reloads ?? []) {
    out.push({ kind: KIND_RELOAD, location: problem.vehicles[vi]?.start, startLoad: pad(), delta: pad(), ref: vi });
  }
  return out;
}

const TYPE = ['job', 'pickup', 'delivery', 'break', 'reload'] as const;

export function decodeSolution(problem: Problem, enc: Encoded, out: Float64Array, elapsedMs: number): Solution {
  const tasks = taskInfos(problem, enc);
  const D = enc.counts.dims;
  const at = (i: number) => out[i] ?? 0;
  const nRoutes = at(1);
  const nUn = at(2);
  let p = 8;
  const routes: Route[] = [];
  for (let r = 0; r < nRoutes; r++) {
    const v = at(p);
    const n = at(p + 1);
    const depart = at(p + 2);
    const endArr = at(p + 3);
    const cost = at(p + 4);
    const distance = at(p + 5);
    p += 6;
    const vehicle = problem.vehicles[v];
    if (!vehicle) throw new Error(`engine returned unknown vehicle ${v}`);
    const raw: { task: number; arrival: number; start: number; departure: number; dist: number }[] = [];
    for (let k = 0; k < n; k++) {
      raw.push({ task: at(p), arrival: at(p + 1), start: at(p + 2), departure: at(p + 3), dist: at(p + 4) });
      p += 5;
    }
    // Deliveries on board at the start of each trip (a reload starts a new one).
    const tripLoad = (from: number): number[] => {
      const l = Array.from({ length: D }, () => 0);
      for (let k = from; k < raw.length; k++) {
        const t = tasks[raw[k]?.task ?? -1];
        if (t?.kind === KIND_RELOAD) break;
        t?.startLoad.forEach((a, d) => {
          l[d] = (l[d] ?? 0) + a;
        });
      }
      return l;
    };
    let load = tripLoad(0);
    const trim = (l: number[]) =>
      D === 1 && !problem.vehicles.some((x) => x.capacity?.length) ? l.slice(0, 0) : l.slice();
    const steps: Step[] = [];
    steps.push({
      type: 'start',
      location: vehicle.start,
      arrival: depart,
      waitingS: 0,
      serviceStart: depart,
      departure: depart,
      load: trim(load),
      distance: 0,
    });
    let waiting = 0;
    let service = 0;
    for (const s of raw) {
      const t = tasks[s.task];
      if (!t) throw new Error(`engine returned unknown task ${s.task}`);
      if (t.kind === KIND_RELOAD) load = tripLoad(raw.indexOf(s) + 1);
      t.delta.forEach((a, d) => {
        load[d] = (load[d] ?? 0) + a;
      });
      waiting += s.start - s.arrival;
      service += s.departure - s.start;
      steps.push({
        type: TYPE[t.kind] ?? 'job',
        ...(t.id !== undefined ? { id: t.id } : {}),
        location: t.location,
        arrival: s.arrival,
        waitingS: s.start - s.arrival,
        serviceStart: s.start,
        departure: s.departure,
        load: trim(load),
        distance: s.dist,
      });
    }
    steps.push({
      type: 'end',
      location: vehicle.end,
      arrival: endArr,
      waitingS: 0,
      serviceStart: endArr,
      departure: endArr,
      load: trim(load),
      distance,
    });
    const durationS = endArr - depart;
    routes.push({
      vehicleId: vehicle.id,
      vehicle: v,
      steps,
      cost,
      distance,
      travelS: durationS - waiting - service,
      waitingS: waiting,
      serviceS: service,
      durationS,
    });
  }
  const unassigned: Unassigned[] = [];
  for (let k = 0; k < nUn; k++) {
    const t = tasks[at(p)];
    const reason = REASONS[at(p + 1)] ?? 'no_room';
    p += 2;
    if (!t || t.kind === KIND_BREAK || t.kind === KIND_RELOAD || t.id === undefined) continue;
    unassigned.push({ id: t.id, type: t.kind === KIND_JOB ? 'job' : 'shipment', reason });
  }
  routes.sort((a, b) => a.vehicle - b.vehicle);
  return {
    summary: {
      cost: routes.reduce((s, r) => s + r.cost, 0),
      routes: routes.length,
      unassigned: unassigned.length,
      distance: at(4),
      travelS: at(5),
      waitingS: routes.reduce((s, r) => s + r.waitingS, 0),
      serviceS: routes.reduce((s, r) => s + r.serviceS, 0),
      iterations: at(3),
      computingTimeMs: Math.round(elapsedMs),
    },
    routes,
    unassigned,
  };
}
