/**
 * The search: greedy construction, then (for fixed vehicle costs) a fleet-minimisation phase
 * (fleet-phase.ts), then ruin-and-recreate under simulated annealing with a geometric cooling over
 * the time (or iteration) budget; or, handed a solution (a later round), that annealing alone from
 * it. The best solution is kept aside and reported to the host on every improvement.
 */
import {
  PARAM_AVG_REMOVED,
  PARAM_BLINK_RATE,
  PARAM_FLEET_SHARE,
  PARAM_FLEET_STALL,
  PARAM_FLEET_TEMP,
  PARAM_ROUTE_SPLIT,
  PARAM_GRANULAR,
  PARAM_LOCAL_SEARCH,
  PARAM_MAX_ITERATIONS,
  PARAM_MAX_STRING,
  PARAM_PRE_SHARE,
  PARAM_SEED,
  PARAM_SOFT_FIXED,
  PARAM_SOFT_UNASSIGNED,
  PARAM_SOFT_CAPACITY,
  PARAM_START_T0,
  PARAM_STOP_WHEN_CONVERGED,
  PARAM_T0,
  PARAM_TF,
  PARAM_TIME_LIMIT_MS,
  BEST_MARGIN,
  LARGE_SHIPMENT_TASKS,
  LONG_ROUTE_TASKS,
  KIND_BREAK,
  KIND_JOB,
  KIND_PICKUP,
} from '../src/abi';
import { kindOf, nTasks, penaltyOf, nVeh, params, startSolution, vehFixed, windowless } from './instance';
import { allocFocus } from './focus';
import { allocPool } from './route-pool';
import { arcScale, buildCandidates, buildNeighbours, isSeedable } from './init';
import { allocRecreate, setGranular, recreate, setBlinkRate } from './recreate';
import { allocRoutes, setFixedScale } from './routes';
import { allocRuin, assignedJobs, pendUnassigned, resetPend, ruin, setRuinParams } from './ruin';
import { rand, seedRng } from './rng';
import { now, progress, shouldStop } from './env';
import { construct, placeBreaks } from './construct';
import { fleetPhase, setFleetPhase } from './fleet-phase';
import { exchangeRoutes, heterogeneous, prepareFleet, splitRoute } from './fleet';
import { setTwoOptStar } from './two-opt-star';
import { allocPairFloor, setPairFloor } from './pair-floor';
import { anyReload, balanceK } from './rules';
import { chooseLocalSearch, polishCandidate } from './local-search';
import { exchangeBest, exchangeEvery } from './exchange';
import {
  allocState,
  beginMove,
  bestCost,
  loadBest,
  rollback,
  saveBest,
  searchCost,
  setUnasScale,
  totalCost,
  unasCount,
  unpackBest,
  usedRoutes,
} from './state';
import { setCapWeight, softCapacityFits, startSoftCapacity, stepSoftCapacity, withinCapacity } from './soft-capacity';
import { checkMetricCost, checkMetricDur, metricCost, prepareTravel } from './travel';

export let iterations: i32 = 0;
/**
 * The run is bounded by PARAM_MAX_ITERATIONS: each phase then ends after its share of them, even
 * a share of 0 (a budget under ten gives the pre-phase none), rather than at the time limit.
 */
export let byIterations = false;
let vehiclesFirst = false;
/** The annealing's start temperature in near-arc costs when tuning.t0 is auto (see annealingPhase). */
let t0Auto: f64 = 1.0;
/** Vehicles first with many shipments only: the final annealing's end follows its routes' length (tfShare). */
let shipmentsFirst = false;
/** Vans that differ, with no time window anywhere: T0 10 (runSearch), and no convergence stop while hot (annealingPhase). */
let hotFleet = false;
/** Mixed fleets: the share of iterations that move whole routes between vans (fleet.ts). */
const FLEET_MOVES: f64 = 0.05;
/** Of those, the share that split a route (tuning.routeSplit; auto 0.025); the rest exchange one. */
let splitShare: f64 = FLEET_MOVES / 2;
let startTime: f64 = 0;
let stopped = false;

export function timeUp(deadline: f64): bool {
  if (stopped) return true;
  if ((iterations & 15) == 0 && shouldStop() != 0) {
    stopped = true;
    return true;
  }
  return now() >= deadline;
}

/** When the best solution last improved (ms, host clock). */
let lastBestAt: f64 = 0;

export function report(): void {
  lastBestAt = now();
  progress(bestCost, usedRoutes(), unasCount, now() - startTime);
}

/**
 * Convergence (PARAM_STOP_WHEN_CONVERGED = 1, time budgets only): the best has not improved for as long as it
 * took to find it (and at least 1 s). The final annealing then quenches and stops, so a time
 * limit is a cap: a small problem solved in half a second comes back after about 2 s.
 */
function converged(phaseStart: f64): bool {
  const ref = lastBestAt > phaseStart ? lastBestAt : phaseStart;
  const patience = ref - startTime > 1000.0 ? ref - startTime : 1000.0;
  return now() - ref >= patience;
}

/**
 * The largest −ln U of the acceptance test (U = rand() ≥ 2⁻⁵³ unless 0): a candidate above
 * cur + T·37 is rejected whatever U is drawn, so dropping it early only saves its work (and the
 * random numbers it would have drawn).
 */
const MAX_NEG_LOG_U: f64 = 37;
/** How much more (in near-arc costs) a polish is allowed to recover before a recreate is dropped. */
const ABORT_SLACK: f64 = 100;

/**
 * tuning.tf auto, as a share of T0: a hundredth, or a 400th in the final annealing of shipments on
 * short routes (under LONG_ROUTE_TASKS a route) from LARGE_SHIPMENT_TASKS on. Li & Lim LC1_4_2 (11
 * a route) at 60 s × 2 workers ended closer cooled further (README); LRC2_4_2 (42 a route) and
 * LR1_2_2 (200 tasks, 12 a route, five times the iterations per task) did not, so they keep 0.01.
 */
function tfShare(final: bool): f64 {
  const used = usedRoutes();
  const short = used > 0 && <f64>assignedJobs() < <f64>LONG_ROUTE_TASKS * <f64>used;
  return final && shipmentsFirst && short ? 0.0025 : 0.01;
}

/**
 * The recreate put back the solution it started from (the same cost): such a candidate is not
 * polished. On Homberger 1,000 (c1_10_2, r1_10_2) 40–60 % of the final annealing's candidates come
 * back so and their polish improved 1–3 in 100; skipping it gave 13–33 % more iterations, and a
 * lower gap in 4 runs of 6 at 300 s (1 equal, 1 higher; README).
 */
// @inline
function rebuilt(nc: f64, cur: f64): bool {
  // Tighter than BEST_MARGIN: a rebuilt solution's cost comes back within 1e-14 of it, while at
  // 1e-9 (or 1e-10) c1_10_2 skipped the polish of candidates at another cost (other answers at
  // 30,000 iterations; 1e-14 and 1e-12 the same ones).
  return Math.abs(nc - cur) <= 1e-12 * Math.abs(cur);
}

function annealingPhase(from: f64, deadline: f64, maxIter: i32, final: bool = false): void {
  const scale = arcScale();
  const coldT0 = params[PARAM_T0] > 0 ? params[PARAM_T0] : t0Auto;
  // A warm start (runSearch) keeps the cold schedule's end and starts cooler.
  const t0f = params[PARAM_START_T0] > 0 ? params[PARAM_START_T0] : coldT0;
  const t0 = t0f * scale;
  const tf = Math.min(t0, (params[PARAM_TF] > 0 ? params[PARAM_TF] : coldT0 * tfShare(final)) * scale);
  // Optional (tuning.softFixed): start with route openings priced like a few detours and raise the
  // price geometrically to the true fixed cost. Off by default: measured worse on Solomon.
  let maxFixed: f64 = 0;
  for (let v = 0; v < nVeh; v++) if (vehFixed(v) > maxFixed) maxFixed = vehFixed(v);
  const softK = params[PARAM_SOFT_FIXED];
  const s0 = maxFixed > 0 && softK > 0 ? Math.min(1.0, (softK * scale) / maxFixed) : 1.0;
  setFixedScale(s0);
  let minPenalty: f64 = Infinity;
  for (let t = 0; t < nTasks; t++) if (isSeedable(t) && penaltyOf(t) < minPenalty) minPenalty = penaltyOf(t);
  const softU = params[PARAM_SOFT_UNASSIGNED] > 0 ? params[PARAM_SOFT_UNASSIGNED] : 0.0;
  const u0 = softU > 0 && minPenalty < Infinity ? Math.min(1.0, (softU * scale) / minPenalty) : 1.0;
  setUnasScale(u0);
  // Penalised capacity (soft-capacity.ts), in the final annealing only.
  const softC = final && params[PARAM_SOFT_CAPACITY] > 0 && softCapacityFits(heterogeneous, anyReload);
  if (softC) startSoftCapacity(params[PARAM_SOFT_CAPACITY], scale);
  let cur = searchCost();
  const firstIter = iterations;
  // A warm start runs its whole share: its start already holds the earlier rounds' convergence.
  const canConverge = final && !byIterations && params[PARAM_STOP_WHEN_CONVERGED] > 0 && params[PARAM_START_T0] <= 0;
  // Once converged, the rest of the cooling is compressed into a short quench (a third of the
  // time spent so far, at least 0.5 s): the cold end of the schedule is where late improvements
  // come from, so stopping at once would lose them.
  let quenchAt: f64 = -1;
  // A hot start finds its bests only once cooled: with hotFleet (T0 10) the stop waits until the
  // temperature is down to the usual start of 1 near-arc cost (half-way through the cooling), or
  // it ends the search still hot (HVRP13 on a stepping clock: 6.3 % above the best known, 1.7 %).
  let lastTemp = t0;
  const coolEnough = hotFleet ? scale : Infinity;
  let quenchFrac: f64 = 0;
  let quenchEnd: f64 = 0;
  const every = final ? exchangeEvery(byIterations) : 0.0;
  while (!timeUp(deadline)) {
    if (canConverge && quenchAt < 0 && (iterations & 63) == 0 && lastTemp <= coolEnough && converged(from)) {
      quenchAt = now();
      quenchFrac = (quenchAt - from) / (deadline - from);
      const len = (quenchAt - startTime) / 3.0 > 500.0 ? (quenchAt - startTime) / 3.0 : 500.0;
      quenchEnd = quenchAt + len;
      if (quenchEnd < deadline) deadline = quenchEnd;
      else quenchAt = -2; // not worth it: run to the limit
    }
    let frac: f64;
    if (byIterations) {
      frac = maxIter > 0 ? <f64>(iterations - firstIter) / <f64>maxIter : 1.0;
      if (frac >= 1) break;
    } else if (quenchAt >= 0) {
      frac = quenchFrac + ((1.0 - quenchFrac) * (now() - quenchAt)) / (quenchEnd - quenchAt);
    } else {
      frac = (now() - from) / (deadline - from);
    }
    const temp = t0 * Math.pow(tf / t0, frac);
    lastTemp = temp;
    if (every > 0 && exchangeBest(frac, every, iterations)) {
      cur = searchCost();
      report();
    }
    if (s0 < 1.0 || u0 < 1.0) {
      if (s0 < 1.0) setFixedScale(s0 * Math.pow(1.0 / s0, frac));
      if (u0 < 1.0) setUnasScale(u0 * Math.pow(1.0 / u0, frac));
      cur = searchCost();
    }
    if (softC && stepSoftCapacity(frac)) cur = searchCost();
    iterations++;
    beginMove();
    resetPend();
    const fleetMove = heterogeneous ? rand() : 1.0;
    if (fleetMove < FLEET_MOVES) {
      // A whole route changes van, or splits into two vans (see fleet.ts).
      if (!(fleetMove < splitShare ? splitRoute() : exchangeRoutes())) {
        rollback();
        continue;
      }
    } else {
      ruin(assignedJobs(), usedRoutes());
      pendUnassigned();
      // In the final annealing, a candidate already far past any acceptance threshold (a route
      // opened, a task left out) is dropped before the rest of its recreate and polish: with
      // vehicles first, 17–45 % of its candidates open a route (rc2_2_1, LRC2_4_2) and the polish
      // saves about 1 in 400 of them by emptying another. Earlier, with more routes than needed,
      // the polish often does (the local-search tests fail when these are dropped there too).
      const bound = final ? cur + temp * MAX_NEG_LOG_U + ABORT_SLACK * scale : Infinity;
      if (!recreate(true, bound)) {
        rollback();
        continue;
      }
    }
    let nc = searchCost();
    // Polish the candidate before the acceptance test (local-search.ts says which ones and how).
    if (!rebuilt(nc, cur) && polishCandidate(nc, cur, bestCost)) nc = searchCost();
    // Simulated annealing in SISR's threshold form (Christiaens & Vanden Berghe 2020, §5): accept
    // when the new cost is below the current one plus T·(−ln U), U uniform in (0, 1].
    if (nc < cur - temp * Math.log(rand())) {
      cur = nc;
      if (withinCapacity() && totalCost() < bestCost - BEST_MARGIN * Math.abs(bestCost)) {
        saveBest();
        report();
      }
    } else {
      rollback();
    }
  }
  if (softC) setCapWeight(0);
}

/** Runs the whole search; the host reads the result through `output.ts`. */
export function runSearch(): void {
  startTime = now();
  iterations = 0;
  stopped = false;
  prepareTravel();
  allocRoutes();
  allocState();
  allocPool();
  allocRuin();
  allocRecreate();
  allocFocus();
  allocPairFloor();
  buildNeighbours();
  buildCandidates();
  seedRng(<u64>params[PARAM_SEED]);
  prepareFleet();
  placeBreaks();
  const lsp = <i32>params[PARAM_LOCAL_SEARCH];
  let hasShipments = false;
  let hasJobs = false;
  let hasBreaks = false;
  for (let t = 0; t < nTasks; t++) {
    if (kindOf(t) == KIND_PICKUP) hasShipments = true;
    if (kindOf(t) == KIND_JOB) hasJobs = true;
    if (kindOf(t) == KIND_BREAK) hasBreaks = true;
  }
  const shipmentsOnly = hasShipments && !hasJobs;
  setRuinParams(params[PARAM_AVG_REMOVED], params[PARAM_MAX_STRING], shipmentsOnly);
  // Route scans of jobs and pickups stop at the first place too late (recreate.ts).
  if (hasJobs || hasShipments) checkMetricDur(params[PARAM_TIME_LIMIT_MS] > 0 ? params[PARAM_TIME_LIMIT_MS] : 1000.0);
  if (hasShipments) {
    checkMetricCost();
    setPairFloor(metricCost && !hasBreaks && !anyReload && balanceK <= 0);
  }
  // Homberger 1,000's size: fleetTemp, fleetStall and granular insertion were measured there.
  const thousands = nTasks >= 1000 && nTasks <= 2000;
  // Auto: on when every task is a shipment (Li & Lim LRC2_4_2: mean gap 10.9 % → 3.6 % over 8
  // seeds) and at Homberger 1,000's size (600 s × 2 workers, seeds 1–2, against off: c1_10_2 1.91
  // and 4.59 % against 2.56 and 5.47, rc2_10_2 1.85 and 2.95 against 5.01 and 3.59, r1_10_2 3.88
  // and 3.85 against 3.31 and 3.19; mean 3.17 against 3.86 %). Off for other jobs: not measured.
  const rs = params[PARAM_ROUTE_SPLIT];
  splitShare = rs > 0 ? Math.min(rs, FLEET_MOVES) : rs < 0 ? 0.0 : FLEET_MOVES / 2;
  const ft = params[PARAM_FLEET_TEMP];
  const fleetTemp = ft > 0 ? ft : ft < 0 ? 0.0 : shipmentsOnly || thousands ? 3.0 : 0.0;
  // Auto 2 at Homberger 1,000's size: its fleet phase sits idle (r1_10_2 at 91 routes from 65 s of 300)
  // while the final annealing still improves at the end. 600 s × 2 workers, fleetTemp 3, seed 2, against
  // no stop: r1_10_2 2.68 against 3.85 %, c1_10_2 3.82 against 4.59, rc2_10_2 3.00 against 2.95.
  const fs = params[PARAM_FLEET_STALL];
  setFleetPhase(fleetTemp, fs > 0 ? fs : fs < 0 ? 0.0 : thousands ? 2.0 : 0.0);
  setTwoOptStar(!hasShipments);
  setBlinkRate(params[PARAM_BLINK_RATE] >= 0 ? params[PARAM_BLINK_RATE] : 0.01);
  let fleetShare = params[PARAM_FLEET_SHARE];
  let hasFixed = false;
  for (let v = 0; v < nVeh; v++) if (vehFixed(v) > 0) hasFixed = true;
  if (!hasFixed) fleetShare = 0;
  vehiclesFirst = fleetShare > 0;
  // Vehicles-first runs start the annealing from a squeezed fleet: a hotter start helps it move.
  // 10 rather than 3 (measured, README): Li & Lim LR1_2_2 2.16 against 3.25 % mean gap over 8 seeds
  // at a fixed budget, Homberger 1,000 (300 s, 1 worker) 5.1 against 8.1 %, Solomon level. With
  // shipments only, 20: Li & Lim LRC2_4_2 at 60 s × 2 workers, 12 runs each, mean gap 4.26 → 2.68 %,
  // runs above 4 % 6 → 4 (its long pickup-and-delivery routes leave a tight fleet in a basin).
  // Vans that differ, with no time windows (the HVRP sets), 10 too: moving a route to another van
  // changes its cost by far more than a detour, and from 1 the search settled in a basin. The five
  // HVRP sets at 10 s × 2 workers, seeds 1–8: mean cost gap 1.32 → 0.95 % (with the convergence
  // rule in annealingPhase; README). Not with windows: Solomon with one van of half the capacity
  // gave the same answers, after 20–30 s of a 30 s cap instead of 2–7 s.
  hotFleet = heterogeneous && windowless();
  t0Auto = !vehiclesFirst ? (hotFleet ? 10.0 : 1.0) : shipmentsOnly ? 20.0 : 10.0;
  shipmentsFirst = vehiclesFirst && shipmentsOnly && nTasks >= LARGE_SHIPMENT_TASKS;
  // Granular insertion pays off once routes are long enough that full scans dominate, and with
  // vehicles first at 1,000–2,000 tasks (measured on Homberger 1,000 only): its iterations are a
  // third cheaper there and the final annealing, short of iterations at a tight fleet, ends closer
  // (r1_10_2, 300 s, 1 worker, seeds 1–3: 5.01 against 7.01 % mean gap).
  const g = <i32>params[PARAM_GRANULAR];
  const longRoutes = nTasks > 1500 && nTasks >= 15 * nVeh;
  const bigFleetFirst = vehiclesFirst && thousands;
  chooseLocalSearch(lsp, shipmentsOnly, vehiclesFirst && (shipmentsOnly || bigFleetFirst));
  setGranular(g > 0 ? g : g == 0 && (longRoutes || bigFleetFirst) ? 40 : 0);
  const limit = params[PARAM_TIME_LIMIT_MS] > 0 ? params[PARAM_TIME_LIMIT_MS] : 1000.0;
  const deadline = startTime + limit;
  const maxIter = <i32>params[PARAM_MAX_ITERATIONS];
  byIterations = maxIter > 0;
  // A warm start (a later round, src/searches.ts) continues from the solution handed in.
  const warm = params[PARAM_START_T0] > 0;
  if (warm) unpackBest(startSolution);
  // Mixed fleets' route-by-route construction gets a tenth of the budget.
  else construct(startTime + 0.1 * limit);
  report();
  if (fleetShare > 0 && !warm) {
    // Vehicles first: anneal a while (a well-shaped solution is a better start for removing
    // routes), then remove routes, then anneal distance with the smaller fleet.
    const pre = params[PARAM_PRE_SHARE] >= 0 ? params[PARAM_PRE_SHARE] : 0.2;
    if (maxIter > 0) {
      // Iteration-bounded runs stay deterministic: every phase gets a share of the iterations.
      annealingPhase(now(), deadline, <i32>(<f64>maxIter * pre));
      loadBest();
      if (usedRoutes() > 1) fleetPhase(deadline, iterations + <i32>(<f64>maxIter * fleetShare));
    } else {
      annealingPhase(now(), startTime + limit * pre, 0);
      loadBest();
      if (usedRoutes() > 1) fleetPhase(startTime + limit * (pre + fleetShare), 0);
    }
  }
  annealingPhase(now(), deadline, maxIter > 0 ? maxIter - iterations : 0, true);
  setFixedScale(1.0);
  setUnasScale(1.0);
  loadBest();
}
