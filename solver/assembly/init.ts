/**
 * One-off preparation: granular neighbour lists (nearest tasks by location) for the string
 * removals, and per task the list of vehicles that could serve it alone (skills, capacity, time
 * windows, limits) so that insertion never scans hopeless routes. A task with no such vehicle
 * keeps the reason why, for the output. Also the mean cost of a near arc, the unit of the
 * annealing's temperatures (search.ts).
 */
import {
  KIND_BREAK,
  KIND_DELIVERY,
  KIND_JOB,
  KIND_PICKUP,
  PARAM_NEIGHBOURS,
  TASK_I_PAIR,
  TASK_I_STRIDE,
} from '../src/abi';
import {
  earliestStart,
  kindOf,
  mode,
  MODE_MATRIX,
  nTasks,
  nVeh,
  pairOf,
  params,
  serviceOf,
  startNode,
  taskI,
  taskSkill,
  vehSkill,
  vehPerM,
  vehPerSec,
  vehTwEnd,
  vehTwStart,
} from './instance';
import { evalPair } from './insert-pair';
import {
  evalInsert,
  failCap,
  failDist,
  failDriving,
  failWork,
  failStops,
  failTravel,
  failTw,
  failUnreach,
  INF,
  resetFails,
  setAloneCheck,
} from './insert';
import { resetShortestPaths, timesFromStart, timesToEnd } from './shortest-paths';
import { baseDur, dist, locOf, proximity } from './travel';

export let adjStart = new StaticArray<i32>(0);
export let adj = new StaticArray<i32>(0);
export let candStart = new StaticArray<i32>(0);
export let cand = new StaticArray<i32>(0);
/** Reason code when a task has no candidate vehicle (0 otherwise). */
export let aloneReason = new StaticArray<i32>(0);

/** Reason codes shared with the driver (see index.ts). */
export const R_SKILLS: i32 = 1;
export const R_CAPACITY: i32 = 2;
export const R_TIME_WINDOW: i32 = 3;
export const R_MAX_TRAVEL: i32 = 4;
export const R_MAX_DISTANCE: i32 = 5;
export const R_MAX_STOPS: i32 = 6;
export const R_UNREACHABLE: i32 = 7;
export const R_NO_ROOM: i32 = 8;
export const R_MAX_DRIVING: i32 = 9;
export const R_WORK_LIMIT: i32 = 10;

/** Most telling failure recorded by the insertion counters since the last reset, ranked by depth. */
export function failureReason(): i32 {
  if (failWork > 0) return R_WORK_LIMIT;
  if (failDriving > 0) return R_MAX_DRIVING;
  if (failTravel > 0) return R_MAX_TRAVEL;
  if (failDist > 0) return R_MAX_DISTANCE;
  if (failTw > 0) return R_TIME_WINDOW;
  if (failUnreach > 0) return R_UNREACHABLE;
  if (failCap > 0) return R_CAPACITY;
  if (failStops > 0) return R_MAX_STOPS;
  return R_NO_ROOM;
}

/** Mean cost of an arc to a near neighbour: the scale of the annealing temperature. */
export function arcScale(): f64 {
  let sum: f64 = 0;
  let n = 0;
  const perSec = nVeh > 0 ? vehPerSec(0) : 0.0;
  const perM = nVeh > 0 ? vehPerM(0) : 1.0;
  for (let t = 0; t < nTasks; t++) {
    const a0 = adjStart[t];
    let a1 = adjStart[t + 1];
    if (a1 > a0 + 10) a1 = a0 + 10;
    for (let i = a0; i < a1; i++) {
      const b = adj[i];
      sum += perSec * baseDur(locOf(t), locOf(b)) + perM * dist(locOf(t), locOf(b));
      n++;
    }
  }
  const s = n > 0 ? sum / <f64>n : 1.0;
  return s > 0 ? s : 1.0;
}

/** Whether task t can be routed at all (breaks and shipment deliveries ride with their owner). */
// @inline
export function isSeedable(t: i32): bool {
  const k = kindOf(t);
  return k == KIND_JOB || k == KIND_PICKUP;
}

export function buildNeighbours(): void {
  let k = <i32>params[PARAM_NEIGHBOURS];
  if (k <= 0) k = 50;
  if (k > nTasks - 1) k = nTasks - 1;
  if (k < 0) k = 0;
  adjStart = new StaticArray<i32>(nTasks + 1);
  adj = new StaticArray<i32>(nTasks * k);
  const heapIdx = new StaticArray<i32>(k + 1);
  const heapKey = new StaticArray<f64>(k + 1);
  let fill = 0;
  for (let a = 0; a < nTasks; a++) {
    adjStart[a] = fill;
    if (kindOf(a) >= KIND_BREAK || k == 0) continue;
    const la = locOf(a);
    // Bounded max-heap of the k nearest seen so far.
    let size = 0;
    for (let b = 0; b < nTasks; b++) {
      if (b == a || kindOf(b) >= KIND_BREAK) continue;
      const key = proximity(la, locOf(b));
      if (size < k) {
        let i = size++;
        while (i > 0) {
          const p = (i - 1) >> 1;
          if (unchecked(heapKey[p]) >= key) break;
          unchecked((heapKey[i] = heapKey[p]));
          unchecked((heapIdx[i] = heapIdx[p]));
          i = p;
        }
        unchecked((heapKey[i] = key));
        unchecked((heapIdx[i] = b));
      } else if (key < unchecked(heapKey[0])) {
        let i = 0;
        while (true) {
          const l = 2 * i + 1;
          if (l >= size) break;
          let c = l;
          if (l + 1 < size && unchecked(heapKey[l + 1]) > unchecked(heapKey[l])) c = l + 1;
          if (unchecked(heapKey[c]) <= key) break;
          unchecked((heapKey[i] = heapKey[c]));
          unchecked((heapIdx[i] = heapIdx[c]));
          i = c;
        }
        unchecked((heapKey[i] = key));
        unchecked((heapIdx[i] = b));
      }
    }
    // Pop ascending into the list (heap pops give descending order, so fill from the back).
    const found = size;
    for (let n = found - 1; n >= 0; n--) {
      adj[fill + n] = heapIdx[0];
      const lastKey = heapKey[size - 1];
      const lastIdx = heapIdx[size - 1];
      size--;
      let i = 0;
      while (true) {
        const l = 2 * i + 1;
        if (l >= size) break;
        let c = l;
        if (l + 1 < size && heapKey[l + 1] > heapKey[l]) c = l + 1;
        if (heapKey[c] <= lastKey) break;
        heapKey[i] = heapKey[c];
        heapIdx[i] = heapIdx[c];
        i = c;
      }
      heapKey[i] = lastKey;
      heapIdx[i] = lastIdx;
    }
    fill += found;
  }
  adjStart[nTasks] = fill;
}

/** Refusal reason of each vehicle for the task being listed (0: not refused for time or road). */
let refusal = new StaticArray<i32>(0);

/**
 * Whether vehicle v could reach task t (and a shipment's delivery) within a window and still get
 * back to its end within its shift, travelling by the shortest times through any locations and
 * ignoring the other stops' service: a relaxation, so false means no route of v can serve t.
 */
function reachableInTime(t: i32, v: i32): bool {
  const from = timesFromStart(v);
  const to = timesToEnd(v);
  let at = vehTwStart(v);
  let x = t;
  while (true) {
    const l = locOf(x);
    if (l < 0) return false;
    const arrive = from != null ? max(at, vehTwStart(v) + unchecked(from[l])) : at;
    const s = earliestStart(x, arrive);
    if (s < 0) return false;
    const back = to != null ? unchecked(to[l]) : 0.0;
    if (s + serviceOf(x) + back > vehTwEnd(v)) return false;
    if (kindOf(x) != KIND_PICKUP) return true;
    at = s + serviceOf(x);
    x = pairOf(x);
  }
}

/** Candidate vehicles per task, checked on empty routes (call before any task is routed). */
export function buildCandidates(): void {
  setAloneCheck(true);
  refusal = new StaticArray<i32>(nVeh);
  resetShortestPaths();
  candStart = new StaticArray<i32>(nTasks + 1);
  aloneReason = new StaticArray<i32>(nTasks);
  // Two passes: count, then fill, so the list is one flat array.
  let total = 0;
  for (let pass = 0; pass < 2; pass++) {
    let fill = 0;
    for (let t = 0; t < nTasks; t++) {
      if (pass == 1) candStart[t] = fill;
      const kind = kindOf(t);
      if (kind >= KIND_BREAK) {
        if (pass == 1) cand[fill] = taskI[t * TASK_I_STRIDE + TASK_I_PAIR];
        fill++;
        continue;
      }
      if (kind == KIND_DELIVERY) continue;
      let deepest: i32 = 0;
      let mine = 0;
      let late = 0; // vehicles refused only by time windows or a missing road
      for (let v = 0; v < nVeh; v++) {
        unchecked((refusal[v] = 0));
        let skills = unchecked(taskSkill[t]);
        if (kind == KIND_PICKUP) skills |= unchecked(taskSkill[pairOf(t)]);
        if ((skills & ~unchecked(vehSkill[v])) != 0) {
          if (deepest < 1) deepest = 1;
          continue;
        }
        resetFails();
        const c = kind == KIND_PICKUP ? evalPair(t, startNode(v), v) : evalInsert(t, startNode(v), v);
        if (c == INF) {
          const r = failureReason();
          const depth = r == R_CAPACITY || r == R_MAX_STOPS ? 2 : r == R_UNREACHABLE ? 3 : r == R_TIME_WINDOW ? 4 : 5;
          if (depth > deepest) {
            deepest = depth;
            if (pass == 0) aloneReason[t] = r;
          }
          if (r == R_TIME_WINDOW || r == R_UNREACHABLE) {
            unchecked((refusal[v] = r));
            late++;
          }
          continue;
        }
        if (pass == 1) cand[fill] = v;
        fill++;
        mine++;
      }
      // Refused by every vehicle on its own: on a matrix that breaks the triangle inequality, a
      // chain of stops may still reach the task in time (0→2→1 quicker than 0→1). Keep the
      // vehicles that the shortest times through any stops do not rule out.
      if (mine == 0 && late > 0 && mode == MODE_MATRIX) {
        for (let v = 0; v < nVeh; v++) {
          if (unchecked(refusal[v]) == 0 || !reachableInTime(t, v)) continue;
          if (pass == 1) cand[fill] = v;
          fill++;
          mine++;
        }
      }
      if (pass == 0 && mine == 0 && deepest == 1) aloneReason[t] = R_SKILLS;
      if (mine > 0) aloneReason[t] = 0;
    }
    if (pass == 0) {
      total = fill;
      cand = new StaticArray<i32>(total);
    } else candStart[nTasks] = fill;
  }
  setAloneCheck(false);
  // A shipment delivery uses its pickup's list.
  for (let t = 0; t < nTasks; t++) {
    if (kindOf(t) == KIND_DELIVERY) aloneReason[t] = aloneReason[pairOf(t)];
  }
}
