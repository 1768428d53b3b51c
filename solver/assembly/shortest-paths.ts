/**
 * Shortest travel times over a duration matrix, for the candidate lists (init.ts). A road matrix
 * need not obey the triangle inequality (snapping, one-way streets): a stop that a vehicle cannot
 * reach in time straight from its depot may still be reached through another stop. These times,
 * through any chain of locations, bound what any route can do, so a vehicle they rule out is
 * truly hopeless. Dense Dijkstra, O(locations²) per depot, computed only when a task needs it.
 */
import { UNREACHABLE } from '../src/abi';
import { endNode, nLoc, startNode } from './instance';
import { dur, locOf, sameTravel } from './travel';

/** Steps (locations²) all trees together may take: about half a second. */
const TREE_BUDGET: f64 = 4e8;
/** Returned past the budget: every location out of reach. */
let unknown = new StaticArray<f64>(0);

/** Computed arrays, with what they were computed for: root location, direction, a vehicle. */
let cacheRoot = new Array<i32>();
let cacheReversed = new Array<bool>();
let cacheVeh = new Array<i32>();
let cacheTimes = new Array<StaticArray<f64>>();

export function resetShortestPaths(): void {
  cacheRoot = new Array<i32>();
  cacheReversed = new Array<bool>();
  cacheVeh = new Array<i32>();
  cacheTimes = new Array<StaticArray<f64>>();
}

/** Dijkstra from (or, reversed, to) location `root` with vehicle v's travel times. */
function dijkstra(v: i32, root: i32, reversed: bool): StaticArray<f64> {
  const best = new StaticArray<f64>(nLoc);
  const done = new StaticArray<bool>(nLoc);
  for (let i = 0; i < nLoc; i++) best[i] = Infinity;
  best[root] = 0;
  for (let k = 0; k < nLoc; k++) {
    let u = -1;
    for (let i = 0; i < nLoc; i++) if (!done[i] && (u < 0 || best[i] < best[u])) u = i;
    if (u < 0 || best[u] == Infinity) break;
    done[u] = true;
    for (let w = 0; w < nLoc; w++) {
      if (done[w]) continue;
      const d = reversed ? dur(v, w, u) : dur(v, u, w);
      if (d >= UNREACHABLE) continue; // no road, as insert.ts reads it
      if (best[u] + d < best[w]) best[w] = best[u] + d;
    }
  }
  return best;
}

/** Shortest times from (or to) `root` for vehicle v, shared by vehicles that travel alike. */
function times(v: i32, root: i32, reversed: bool): StaticArray<f64> | null {
  if (root < 0) return null;
  for (let i = 0; i < cacheRoot.length; i++) {
    if (cacheRoot[i] == root && cacheReversed[i] == reversed && sameTravel(v, cacheVeh[i])) return cacheTimes[i];
  }
  // Each tree costs locations² steps; past the budget (many depots on a big matrix), vehicles
  // are ruled out as before this fallback existed rather than slowing the start down.
  if (<f64>(cacheRoot.length + 1) * <f64>nLoc * <f64>nLoc > TREE_BUDGET) {
    if (unknown.length != nLoc) {
      unknown = new StaticArray<f64>(nLoc);
      for (let i = 0; i < nLoc; i++) unknown[i] = Infinity;
    }
    return unknown;
  }
  const t = dijkstra(v, root, reversed);
  cacheRoot.push(root);
  cacheReversed.push(reversed);
  cacheVeh.push(v);
  cacheTimes.push(t);
  return t;
}

/** Shortest time from vehicle v's start to every location (null: the vehicle has no start). */
export function timesFromStart(v: i32): StaticArray<f64> | null {
  return times(v, locOf(startNode(v)), false);
}

/** Shortest time from every location to vehicle v's end (null: the route ends anywhere). */
export function timesToEnd(v: i32): StaticArray<f64> | null {
  return times(v, locOf(endNode(v)), true);
}
