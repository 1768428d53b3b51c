/**
 * The solver's problem and solution model. Times are seconds on one absolute axis (for a
 * multi-day horizon: seconds from the horizon start), distances in metres (or the instance's
 * units for literature benchmarks), amounts are vectors in the same dimension order everywhere.
 */
import type { SolverUnassignedReason } from '@tournee/shared';

/** `[start, end]`, inclusive: service must start within it. */
export type TimeWindow = readonly [start: number, end: number];

/** `[lon, lat]` in degrees (GeoJSON order). */
export type Coordinates = readonly [lon: number, lat: number];

/**
 * A place: an index into `Problem.matrices` when matrices are given, otherwise coordinates
 * (travel is then computed from great-circle distances, see `Problem.speedModel`).
 */
export type Location = number | Coordinates;

export type Id = string | number;

export interface Break {
  id: Id;
  /** Free text, echoed in the output. */
  description?: string;
  /** Allowed windows for the break's start (any number). */
  timeWindows: TimeWindow[];
  /** @default 0 */
  serviceS?: number;
}

export interface VehicleCosts {
  /** Paid once when the vehicle is used. @default 0 */
  fixed?: number;
  /** Per hour of travel (not waiting or service). @default 3600 (as VROOM), also when only `fixed` or `perKm` is given */
  perHour?: number;
  /** Per 1000 distance units (per km for metres). @default 0 */
  perKm?: number;
}

export interface Vehicle {
  id: Id;
  /** Free text, echoed in the output. */
  description?: string;
  /** Where the route starts; absent: at the first stop. */
  start?: Location;
  /** Where the route ends; absent: an open route ending at the last stop. */
  end?: Location;
  /** Shift: the route leaves the start and reaches the end within it. @default [0, ∞) */
  timeWindow?: TimeWindow;
  /** Up to 8 dimensions. @default [] (no capacity constraint) */
  capacity?: number[];
  /** Skills this vehicle offers. */
  skills?: Id[];
  breaks?: Break[];
  /** Sum of travel times in s. */
  maxTravelTimeS?: number;
  /** Sum of distances. */
  maxDistanceM?: number;
  /** Maximum number of jobs (a shipment counts two). */
  maxStops?: number;
  costs?: VehicleCosts;
  /** Travel times are divided by this factor. @default 1 */
  speedFactor?: number;
  /** Key of `Problem.profileMatrices` this vehicle travels on; absent: `Problem.matrices`. */
  profile?: string;
  /**
   * Multi-trip: the vehicle may go back to its `start` mid-shift to reload, spending `reloadS`
   * there; capacity then holds per trip. Needs a `start`. Absent: one trip.
   */
  reload?: { reloadS: number /** Trips at most (reloads + 1). @default 3 */; maxTrips?: number };
  /**
   * Driving-time rule (EU 561/2006 art. 7): at most this much driving (travel time) before a break
   * of this vehicle, between two breaks, and after the last one.
   */
  maxDrivingS?: number;
  /**
   * With `maxDrivingS`: only breaks at least this long end a driving period (EU 561: 45 min), so a
   * 30-minute lunch does not. @default 0 (every break)
   */
  drivingBreakS?: number;
}

/**
 * A working-time limit shared by several vehicles: the routes of the vehicles listed (e.g. one
 * driver's shifts in one ISO week) may last `maxWorkS` in total, each route counted from leaving
 * its start to reaching its end (waits and breaks included).
 */
export interface WorkLimit {
  id: Id;
  vehicles: Id[];
  maxWorkS: number;
}

export interface Job {
  id: Id;
  /** Free text, echoed in the output. */
  description?: string;
  location: Location;
  /** @default 0 */
  serviceS?: number;
  /** Paid on arrival unless the previous stop is at the same location. @default 0 */
  setupS?: number;
  /** Amount unloaded here, loaded at the route start. */
  delivery?: number[];
  /** Amount loaded here, carried to the route end. */
  pickup?: number[];
  skills?: Id[];
  /** 0–100: higher-priority jobs are assigned first. @default 0 */
  priority?: number;
  /** Any number of windows; absent: any time. */
  timeWindows?: TimeWindow[];
}

export interface ShipmentStep {
  id: Id;
  /** Free text, echoed in the output. */
  description?: string;
  location: Location;
  serviceS?: number;
  setupS?: number;
  timeWindows?: TimeWindow[];
}

/** A pickup and a delivery served by the same vehicle, the pickup first. */
export interface Shipment {
  pickup: ShipmentStep;
  delivery: ShipmentStep;
  /** Carried from the pickup to the delivery. */
  amount?: number[];
  skills?: Id[];
  priority?: number;
}

export interface Matrices {
  /** Travel times in s, `durations[from][to]`; `null` = no road. */
  durations: (number | null)[][];
  /** Distances in m; absent: zero everywhere (cost by time only). */
  distances?: (number | null)[][];
}

/** Coordinate mode speed model: time = haversine × circuity ÷ speed. */
export interface SpeedModel {
  /** @default 8.33 (30 km/h) */
  speedMps?: number;
  /** Road distance over straight-line distance. @default 1.3 */
  circuity?: number;
}

export interface Problem {
  vehicles: Vehicle[];
  jobs?: Job[];
  shipments?: Shipment[];
  /** Explicit matrices; when absent every location must be coordinates. */
  matrices?: Matrices;
  /**
   * Matrices of other road networks (bike, truck…), same size as `matrices`, used by the vehicles
   * whose `profile` names them.
   */
  profileMatrices?: Record<string, Matrices>;
  speedModel?: SpeedModel;
  /** Limits on the total working time of groups of vehicles (drivers' weekly hours). */
  workLimits?: WorkLimit[];
  /**
   * Balanced workloads: after the cost, spread the work (route durations) evenly across the
   * vehicles used, weighted by `balance` (0 = off; 1 = an hour of imbalance costs as much as an
   * hour of travel).
   */
  balance?: number;
}

export type StepType = 'start' | 'job' | 'pickup' | 'delivery' | 'break' | 'reload' | 'end';

export interface Step {
  type: StepType;
  /** Job, shipment step or break id (absent for start, reload and end). */
  id?: Id;
  location?: Location;
  arrival: number;
  waitingS: number;
  /** Service start (setup included in the service period). */
  serviceStart: number;
  departure: number;
  /** Load after this step. */
  load: number[];
  /** Cumulative distance at this step. */
  distance: number;
}

export interface Route {
  vehicleId: Id;
  /** Index of the vehicle in `Problem.vehicles`. */
  vehicle: number;
  steps: Step[];
  cost: number;
  distance: number;
  /** Travel time. */
  travelS: number;
  waitingS: number;
  serviceS: number;
  /** From leaving the start to reaching the end. */
  durationS: number;
}

/** Why a task is unassigned: the list lives in `@tournee/shared`, which plans extend with their own. */
export type UnassignedReason = SolverUnassignedReason;

export interface Unassigned {
  id: Id;
  type: 'job' | 'shipment';
  reason: UnassignedReason;
}

export interface Summary {
  cost: number;
  routes: number;
  unassigned: number;
  distance: number;
  travelS: number;
  waitingS: number;
  serviceS: number;
  iterations: number;
  computingTimeMs: number;
}

export interface Solution {
  summary: Summary;
  routes: Route[];
  unassigned: Unassigned[];
}

export interface Progress {
  cost: number;
  routes: number;
  unassigned: number;
  elapsedMs: number;
  /** Which parallel search found it. */
  worker: number;
}

export interface SolveOptions {
  /** Wall-clock budget. @default 5000 */
  timeLimitMs?: number;
  /** @default 1 */
  seed?: number;
  /** Independent searches on worker threads; the best wins. @default 1 */
  workers?: number;
  signal?: AbortSignal;
  /** Called on every improvement (at most every 50 ms per worker, and always for the last). */
  onProgress?: (p: Progress) => void;
  /**
   * Stop after this many iterations: with it, a seed gives the same answer on any machine, as long
   * as the time limit (5 s unless `timeLimitMs` says otherwise) is not reached first, so give both.
   */
  maxIterations?: number;
  /**
   * Stop before the time limit once the search has converged (no better solution for as long as
   * the best took to find, at least 1 s): the limit is then a cap, as in VROOM. Vans that differ
   * with no time window anywhere (the HVRP sets) start hot and may stop only once cooled half-way.
   * Ignored with `maxIterations`. @default true
   */
  stopWhenConverged?: boolean;
  /** Share of the budget spent removing routes when vehicles have a fixed cost. @default 0.4 */
  fleetShare?: number;
  /** Search tuning (advanced). */
  tuning?: Partial<Tuning>;
}

export interface Tuning {
  /** Neighbours per task for the string removals. @default 50 */
  neighbours: number;
  /**
   * Start temperature in near-arc costs; 0 = auto: 1; 10 with vehicles first, or with vans that
   * differ and no time window anywhere; 20 with vehicles first when every task is a shipment.
   */
  t0: number;
  /**
   * Final temperature in near-arc costs; 0 = auto: t0 / 100, or t0 / 400 in the final annealing
   * when every task is a shipment, vehicles come first, there are 300 tasks or more and routes
   * are short (under 25 tasks): Li & Lim LC1_4_2 at 60 s × 2 workers, 34 alternated pairs, mean
   * gap 0.31 against 0.53 %, above 1 % in 1 run against 5 (solver README). 0.2 gives the old end there.
   */
  tf: number;
  /** SISR's c̄, tasks removed per ruin on average; raised to a quarter of a route's stops on long routes (ruin.ts). */
  avgRemoved: number;
  maxString: number;
  blinkRate: number;
  /** Price of opening a route early in the annealing, in near-arc costs (vehicles-first objectives). */
  softFixed: number;
  /** Share of the budget annealed before the fleet minimisation starts. */
  preShare: number;
  /** Price of leaving a task out early in the annealing, in near-arc costs (0: never). */
  softUnassigned: number;
  /**
   * Final annealing, jobs only (no shipments, reloads or mixed vans): a job that no used route can
   * take within capacity may overload one instead of opening a route, at a price that starts at
   * this many near-arc costs per mean job load, adapts to keep the search mostly within capacity
   * and rises to prohibitive by the end; only solutions within capacity are kept. 0 = off (the
   * default: not shown to help on Homberger 1,000, solver README).
   */
  softCapacity: number;
  /**
   * Fleet minimisation: temperature, in near-arc costs, of an annealing test on distance for the
   * moves that place no more tasks; −1 = off (absences alone decide, as in SISR), 0 = auto (3 when
   * every task is a shipment or at 1,000–2,000 tasks, where it was measured better: Li & Lim,
   * Homberger 1,000; off otherwise).
   */
  fleetTemp: number;
  /**
   * Fleet minimisation on a time budget: the phase hands its remaining time to the final annealing
   * once no route has been removed for this many times the longest wait for a removal so far (and
   * for at least a quarter of the phase); 0 = auto (2 at 1,000–2,000 tasks, off otherwise), −1 = off.
   */
  fleetStall: number;
  /**
   * Rounds: the time budget is split into this many searches run one after another (each round's
   * workers on new seeds, a round that converges early leaves its time to the next), and the best
   * of all rounds wins. 0 = auto: when every task is a shipment and there are at least 300 tasks,
   * three, except that once the first is over, if its routes hold fewer than 25 tasks each, the
   * time left goes to one round instead of two; otherwise 1. 1 = one search. Ignored with
   * `maxIterations`. Li & Lim, 2 workers, 60 s, one quiet machine: LRC2_4_2 (42 tasks a route)
   * lands in a basin early, so more draws help (18 runs: mean 1.28 % with three rounds against
   * 1.70 % with two and 3.03 % with one); LC1_4_2 (11 a route) needs the time to polish its 38
   * routes (mean 1.05 % with three equal rounds, 0.62 % with two, 0.42 % with a third and then two
   * thirds). The README has the figures.
   */
  restarts: number;
  /**
   * Rounds (`restarts` ≥ 2): the last round continues from the best of the earlier ones instead of
   * starting afresh, annealing from this start temperature (near-arc costs) down to the usual
   * final one; skipping construction and the fleet phase, it keeps the earlier rounds' fleet.
   * 0 = auto (off), −1 = off. Measured and left off: on Li & Lim LRC2_4_2 a run continued from a
   * basin stays in it, where a new draw may escape (a warm second round at T0 2: 2.20, 3.63, 1.46 %
   * against two fresh rounds' 1.48, 1.51, 0.98 %, seeds 1–3); LC1_4_2 was level (README).
   */
  warmStart: number;
  /**
   * Share of the time limit kept for a last search that starts from a recombination of the routes
   * every search made its best (src/recombine.ts), run only when that plan beats the best of them.
   * 0 = auto: 0.05 with two rounds or more, off with one (Homberger r1_10_2 at 60 s gained 0.03 %,
   * Li & Lim LR1_2_2 nothing); −1 = off. Li & Lim LRC2_4_2, 60 s × 2 workers, seeds 1–10: mean
   * 0.72 %, 7 within 1 %, against 1.04 %, 4 within 1 %, off (README). Problems with
   * breaks, reloads, driving limits, work limits or balance are never recombined. Ignored with
   * `maxIterations`.
   */
  recombine: number;
  /**
   * Mixed fleets (vans of different capacities or costs): share of the iterations that split a
   * route at a random cut into the two empty vans where its parts cost least, out of the 5 % of
   * iterations that move whole routes (the rest exchange a route's van); 0 = auto (0.025), −1 = off. Heterogeneous-fleet sets at 50,000 iterations, 1 worker, seeds 1–3: mean cost gap
   * 2.47 % without, 1.77 % with (vfmpv17: 4 big vans at 2.45–4.03 % without, 7 smaller ones at
   * 0.33 and 0.72 % in two of three runs with).
   */
  routeSplit: number;
  /**
   * Parallel searches (workers ≥ 2): every this share of the final annealing, each publishes its
   * best and a search whose best is worse continues from the best one; 0 = auto (0.1 from 1,000
   * tasks on a time budget, off below and on iteration budgets, so that a seed gives the same
   * answer every time), −1 = off (the searches stay apart and the best wins). Homberger 1,000 at
   * 120 s, 2 workers, seeds 1–2: mean gap 4.58 % apart, 3.66 % with 0.1.
   */
  exchange: number;
  /**
   * Granular insertion neighbours: 0 = auto (40 above 1,500 tasks averaging ≥ 15 per vehicle, or
   * 1,000–2,000 tasks with vehicles first), −1 = off.
   */
  granular: number;
  /**
   * Local search on the routes each iteration changed: a quick pass (relocate, swap, or-opt,
   * 2-opt*) on every candidate and the full search with SWAP* on a candidate that would become the
   * best. 1 = on, −1 = off, 0 = auto (on up to 2,000 tasks; measured better on Solomon and
   * Homberger 200, worse on 10,000 stops). When every task is a shipment, "on" runs only or-opt
   * and pair relocate (the operators that move them), without SWAP*. ≥ 2: a mask for experiments — 1 relocate, 2 2-opt*,
   * 4 swap, 8 or-opt, 16 SWAP*, 32 on improving candidates, 64 on every candidate, 128 quick pass
   * on candidates that are not the best, 256 pair relocate, 512 2-opt, 1024 pair exchange (off by
   * default: worse on Li & Lim LRC2_4_2 at 60 s), 2048 pair exchange in quick passes too
   * (solver/assembly/local-search.ts).
   */
  localSearch: number;
}
