/**
 * Shortest travel times over a duration matrix, for the candidate lists (init.ts). A road matrix
 * need not obey the triangle inequality (snapping, one-way streets): a stop that a vehicle cannot
 * reach in time straight from its depot may still be reached through another stop. These times,
 * through any chain of locations, bound what any route can do, so a vehicle they rule out is
 * truly hopeless. Dense Dijkstra, O(locations²) per depot, computed only when a task needs it.
 */
import { endNode, nLoc, startNode, UNREACHABLE } from "./instance";
import { dur, locOf, sameTravel } from "./travel";

/** Arcs at or above this are "no road" (UNREACHABLE times any speed factor we accept). */
const NO_ROAD: f64 = UNREACHABLE * 0.01;

/** Vehicles whose arrays are cached (one per distinct depot and travel model), and the arrays. */
let fromVeh = new Array<i32>();
let fromTimes = new Array<StaticArray<f64>>();
let toVeh = new Array<i32>();
let toTimes = new Array<StaticArray<f64>>();

export function resetShortestPaths(): void {
  fromVeh = new Array<i32>();
  fromTimes = new Array<StaticArray<f64>>();
  toVeh = new Array<i32>();
  toTimes = new Array<StaticArray<f64>>();
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
      if (d >= NO_ROAD) continue;
      if (best[u] + d < best[w]) best[w] = best[u] + d;
    }
  }
  return best;
}

/** Shortest time from vehicle v's start to every location (null: the vehicle has no start). */
export function timesFromStart(v: i32): StaticArray<f64> | null {
  const root = locOf(startNode(v));
  if (root < 0) return null;
  for (let i = 0; i < fromVeh.length; i++) {
    const w = fromVeh[i];
    if (locOf(startNode(w)) == root && sameTravel(v, w)) return fromTimes[i];
  }
  const t = dijkstra(v, root, false);
  fromVeh.push(v);
  fromTimes.push(t);
  return t;
}

/** Shortest time from every location to vehicle v's end (null: the route ends anywhere). */
export function timesToEnd(v: i32): StaticArray<f64> | null {
  const root = locOf(endNode(v));
  if (root < 0) return null;
  for (let i = 0; i < toVeh.length; i++) {
    const w = toVeh[i];
    if (locOf(endNode(w)) == root && sameTravel(v, w)) return toTimes[i];
  }
  const t = dijkstra(v, root, true);
  toVeh.push(v);
  toTimes.push(t);
  return t;
}
