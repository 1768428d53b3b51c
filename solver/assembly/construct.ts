/** The search's first solution (search.ts runs it before the annealing). */
import {
  KIND_BREAK,
  PARAM_MAX_ITERATIONS,
  TASK_I_PAIR,
  TASK_I_STRIDE,
  VEH_I_MAX_STOPS,
  VEH_I_STRIDE,
} from '../src/abi';
import { kindOf, nTasks, nVeh, params, taskI, vehI } from './instance';
import { now } from './env';
import { candStart, isSeedable } from './init';
import { insertBest, recreate, setBlinkRate } from './recreate';
import { rJobs } from './routes';
import { pushPend, removeRoute, resetPend } from './ruin';
import { beginRouteConstruction, endRouteConstruction, fillNextRoute, heterogeneous } from './fleet';
import { beginMove, bestCost, clearUnassigned, rollback, saveBest, totalCost } from './state';

/** Places each break in its shift; a break that fits nowhere takes its vehicle out of use. */
export function placeBreaks(): void {
  setBlinkRate(0);
  for (let t = 0; t < nTasks; t++) {
    if (kindOf(t) != KIND_BREAK) continue;
    if (!insertBest(t)) {
      // A break that fits nowhere in its shift: the vehicle cannot be used at all.
      clearUnassigned();
      const v = taskI[t * TASK_I_STRIDE + TASK_I_PAIR];
      vehI[v * VEH_I_STRIDE + VEH_I_MAX_STOPS] = 0;
    }
  }
}

/**
 * The first solution: greedy insertion of every task, then (mixed fleets) route-by-route
 * construction until `until`, kept when it is cheaper. Time-bounded only in time-limited runs.
 */
export function construct(until: f64): void {
  resetPend();
  for (let t = 0; t < nTasks; t++) {
    if (isSeedable(t) && candStart[t + 1] > candStart[t]) pushPend(t);
  }
  recreate(true);
  saveBest();
  // Mixed fleets: greedy insertion never opens a big van (see fleet.ts); build route by route too.
  // O(tasks² × route length): bounded in size and to a tenth of the budget (an unfinished
  // construction leaves tasks out, so it loses to the greedy one and is rolled back).
  if (heterogeneous && nTasks <= 2000) {
    // Iteration-bounded runs never look at the clock (same answer on any machine).
    for (let k = 0; k < 2 && (params[PARAM_MAX_ITERATIONS] > 0 || now() < until); k++) {
      beginMove();
      resetPend();
      for (let r = 0; r < nVeh; r++) if (rJobs[r] > 0) removeRoute(r);
      clearUnassigned();
      beginRouteConstruction(k == 0);
      while (fillNextRoute()) if (params[PARAM_MAX_ITERATIONS] <= 0 && now() > until) break;
      endRouteConstruction();
      if (totalCost() < bestCost) saveBest();
      else rollback();
    }
  }
}
