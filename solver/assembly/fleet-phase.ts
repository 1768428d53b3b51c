/**
 * The fleet-minimisation phase of a vehicles-first search, driven by absence counters as in SISR
 * (Christiaens & Vanden Berghe 2020): the search runs it between a first annealing and the final one.
 */
import { nVeh } from './instance';
import { arcScale } from './init';
import { closeEmptyRoutes, closeRoute, openAllRoutes, recreate } from './recreate';
import { absencesOf, countAbsence, setUseAbsences } from './pending-order';
import { rJobs } from './routes';
import { assignedJobs, pend, pendCount, pendUnassigned, removeRoute, resetPend, ruin } from './ruin';
import { rand } from './rng';
import { now } from './env';
import { byIterations, iterations, report, timeUp } from './search';
import {
  addUnassigned,
  beginMove,
  bestCost,
  loadBest,
  rollback,
  saveBest,
  totalCost,
  unas,
  unasCount,
  unasPenalty,
  usedRoutes,
} from './state';

/** The fleet phase's distance temperature in near-arc costs (tuning.fleetTemp; 0 = off). */
let fleetTemp: f64 = 0;
/** The fleet phase's patience as a multiple of its longest wait for a removal (tuning.fleetStall; 0 = never stop early). */
let fleetStall: f64 = 0;
const FLEET_STALL_FLOOR: f64 = 0.25; // the least patience, as a share of the fleet phase's time

/** Sets the phase's distance temperature and patience (their auto values are chosen in search.ts). */
export function setFleetPhase(temp: f64, stall: f64): void {
  fleetTemp = temp;
  fleetStall = stall;
}

/** The threshold test of the annealing (search.ts) on the routes' cost alone, unassigned tasks aside. */
function keepsDistance(prevRouting: f64, temp: f64): bool {
  return temp <= 0 || totalCost() - unasPenalty < prevRouting - temp * Math.log(rand());
}

/**
 * Removes routes while the tasks still fit: empties the route with the fewest tasks, then ruins and
 * recreates until its tasks find room elsewhere, guided by how often each task was left out.
 */
export function fleetPhase(deadline: f64, iterBudget: i32): void {
  const target = unasCount; // what a complete-as-possible solution leaves out
  closeEmptyRoutes();
  setUseAbsences(true);
  let sumAbs: i64 = 0;
  const fleetT = fleetTemp > 0 ? fleetTemp * arcScale() : 0.0;
  // Ends early once stuck (tuning.fleetStall, see search.ts runSearch) on time budgets only.
  const stall = byIterations ? 0.0 : fleetStall;
  const floor = (deadline - now()) * FLEET_STALL_FLOOR;
  let lastRemoval = now();
  let longestWait: f64 = 0;
  while (!timeUp(deadline) && (!byIterations || iterations < iterBudget)) {
    iterations++;
    if (unasCount <= target) {
      if (totalCost() < bestCost) {
        saveBest();
        report();
      }
      const t = now();
      if (t - lastRemoval > longestWait) longestWait = t - lastRemoval;
      lastRemoval = t;
      // Empty the route with the fewest jobs; its jobs must find room elsewhere.
      let rmin = -1;
      for (let r = 0; r < nVeh; r++) {
        if (rJobs[r] == 0) continue;
        if (rmin < 0 || rJobs[r] < rJobs[rmin] || (rJobs[r] == rJobs[rmin] && rand() < 0.5)) rmin = r;
      }
      if (rmin < 0 || usedRoutes() <= 1) break;
      beginMove();
      resetPend();
      closeRoute(rmin);
      removeRoute(rmin);
      for (let i = 0; i < pendCount; i++) addUnassigned(pend[i]);
      sumAbs = 0;
      for (let i = 0; i < unasCount; i++) sumAbs += absencesOf(unas[i]);
    }
    const prevCount = unasCount;
    const prevRouting = totalCost() - unasPenalty;
    beginMove();
    resetPend();
    ruin(assignedJobs(), usedRoutes());
    pendUnassigned();
    recreate(true);
    let s: i64 = 0;
    for (let i = 0; i < unasCount; i++) s += absencesOf(unas[i]);
    // A move that places more tasks is kept. One that only leaves out tasks absent less often must
    // also pass an annealing test on distance (tuning.fleetTemp): judged on absences alone, the
    // distance drifts to 1.5–2 times the pre-phase's (LRC2_4_2, r1_10_2) and on long routes the
    // final annealing stays in that basin (see search.ts runSearch for where it is on).
    if (unasCount < prevCount || (s < sumAbs && keepsDistance(prevRouting, fleetT))) {
      sumAbs = s;
    } else {
      rollback();
    }
    for (let i = 0; i < unasCount; i++) countAbsence(unas[i]);
    sumAbs += unasCount;
    if (stall > 0 && (iterations & 63) == 0) {
      const waited = now() - lastRemoval;
      if (waited > floor && waited > stall * longestWait) break;
    }
  }
  openAllRoutes();
  setUseAbsences(false);
  loadBest();
}
