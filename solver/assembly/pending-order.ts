/**
 * The order a recreate puts the pending tasks back in (SISR's orders), and the absence counters
 * with which the fleet phase puts the tasks most often left out first.
 */
import { demandOf, nVeh, penaltyOf, startNode, twWidthOf } from './instance';
import { pend, pendCount } from './ruin';
import { rand } from './rng';
import { locOf, proximity } from './travel';

let keys = new StaticArray<f64>(0);
/** How often each task was left out (fleet minimisation); when set, hard tasks go first half the time. */
let absences = new StaticArray<i32>(0);
let useAbsences = false;
export function allocPendingOrder(): void {
  keys = new StaticArray<f64>(pend.length);
  absences = new StaticArray<i32>(pend.length);
}
export function countAbsence(t: i32): void {
  absences[t]++;
}
export function absencesOf(t: i32): i32 {
  return absences[t];
}
export function setUseAbsences(b: bool): void {
  useAbsences = b;
}

/**
 * Sorts pend[0..pendCount) by a random SISR order (insertion sort: the list is short). The orders
 * and their weights are SISR's (Christiaens & Vanden Berghe 2020, Transportation Science 54(2),
 * §4.2: random 4, demand 4, far 2, close 1, i.e. 0.36 / 0.36 / 0.18 / 0.09), with "close" shared
 * with a narrowest-window-first order of our own (0.05 each, for time windows); vehicles-first
 * runs sort half the time by absences instead (SISR §5, fleet minimisation).
 */
export function sortPending(): void {
  const n = pendCount;
  const o = useAbsences && rand() < 0.5 ? 2.0 : rand();
  const depot = nVeh > 0 ? locOf(startNode(0)) : -1;
  for (let i = 0; i < n; i++) {
    const t = unchecked(pend[i]);
    let k: f64;
    if (o < 0.36) k = rand();
    else if (o < 0.72) k = -demandOf(t);
    else if (o < 0.9) k = -proximity(depot, locOf(t));
    else if (o < 0.95) k = proximity(depot, locOf(t));
    else if (o < 1.0) k = twWidthOf(t);
    else k = -(<f64>unchecked(absences[t])) + rand();
    unchecked((keys[i] = k));
  }
  for (let i = 1; i < n; i++) {
    const t = unchecked(pend[i]);
    const k = unchecked(keys[i]);
    let j = i - 1;
    // Higher-priority tasks (larger unassigned penalty) always go first.
    const pt = penaltyOf(t);
    while (j >= 0) {
      const pj = penaltyOf(unchecked(pend[j]));
      if (!(pj < pt || (pj == pt && unchecked(keys[j]) > k))) break;
      unchecked((pend[j + 1] = unchecked(pend[j])));
      unchecked((keys[j + 1] = unchecked(keys[j])));
      j--;
    }
    unchecked((pend[j + 1] = t));
    unchecked((keys[j + 1] = k));
  }
}
