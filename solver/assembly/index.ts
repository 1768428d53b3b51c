/**
 * Tournée VRP engine — WebAssembly ABI.
 *
 * Build: `asc assembly/index.ts -O3 --runtime stub` (stub: the engine allocates its arrays once per
 * instance and never frees; a fresh module instance is used per solve, so nothing accumulates).
 *
 * Host imports (module "env"):
 *   now(): f64                                  monotonic clock in ms
 *   progress(cost, routes, unassigned, ms)      called on every new best solution
 *   shouldStop(): i32                           polled every 16 iterations; non-zero stops the search
 *   publishBest(round, cost, ptr, len)          hands over this search's best (exchange.ts)
 *   adoptBest(round, ptr, len): i32             polled after it: −1 wait, 0 keep ours, 1 take the one at ptr
 *   abort(msg, file, line, col)                 AssemblyScript runtime abort (a trap for the host)
 *
 * Protocol: `configure(nLoc, nTasks, nVeh, dims, nTw, mode, nProfiles)`, then for each input id below write the
 * array at `inputPtr(id)` (little-endian, tightly packed), then `solve()`, then read
 * `outputLength()` f64 values at the pointer it returned.
 *
 * Inputs (T = nTasks, V = nVeh, L = nLoc, D = dims, W = nTw), ids and fields named in src/abi.ts:
 *   0 f64[P*L*L] travel times per profile (mode 0, row-major from→to; ≥ 1e12 = unreachable)
 *   1 f64[P*L*L] distances per profile (mode 0)
 *   2 f64[L*2] lon, lat in degrees (mode 1)
 *   3 f64[T*4] service, setup, unassigned penalty, total window width
 *   4 f64[T*D] load added at the route start (deliveries of single jobs)
 *   5 f64[T*D] load change at the task (pickup − delivery; shipments ±amount)
 *   6 f64[W*2] time windows [start, end], each task's sorted and disjoint
 *   7 f64[V*13] shift start, shift end, max travel time, max distance, fixed cost, cost per s,
 *              cost per distance unit, speed factor, max driving between breaks (∞ none), reload
 *              time, max work of work group A, max work of work group B, shortest break that ends
 *              a driving period
 *   8 f64[V*D] capacity
 *   9 i32[T*5] location, first window, window count, kind (0 job 1 pickup 2 delivery 3 break
 *              4 reload: at the vehicle's start, setup = reload time), partner task (shipments) or
 *              owning vehicle (breaks, reloads)
 *  10 i32[V*6] start location (-1 none), end location (-1 none: open route), max stops (-1 none),
 *              matrix profile (0 … P-1), work group A (-1 none), work group B (-1 none)
 *  11 u64[T]   skill bitmask required
 *  12 u64[V]   skill bitmask offered
 *  13 f64[26]  params: 0 time limit ms, 1 max iterations (0 none), 2 circuity, 3 speed m/s,
 *              4 neighbours, 5 fleet phase share, 6 seed, 7 T0 factor, 8 Tf factor, 9 c̄,
 *              10 L_max, 11 blink rate, 12 soft fixed cost (in near-arc costs), 13 pre-fleet annealing share,
 *              14 soft unassigned price (in near-arc costs), 15 granular insertion K,
 *              16 stop when converged (1) or run to the time limit (0), 17 local search (1 on, -1 off, 0 auto),
 *              18 balance weight (0 off), 19 fleet temperature, 20 route split share,
 *              21 share of the final annealing between exchanges of the best (0 auto, −1 off),
 *              22 fleet phase stall, 23 start from input 14 at this T0 factor (0: construct afresh),
 *              24 soft capacity price, 25 keep every best's routes for recombination (1) or not (0)
 *  14 i32[1+V+T] a solution to start from, packed as state.ts packBest (read when param 23 > 0)
 *
 * Output f64[]: header [cost, routes, unassigned, iterations, distance, travel time, offset of the
 * packed solution, offset of the route pool or 0], then per
 * used route [vehicle, steps, departure, arrival at end, cost, distance] followed by per step
 * [task, arrival, service start, departure, cumulative distance]; then per unassigned task
 * [task, reason] with reasons 1 skills, 2 capacity, 3 time window, 4 max travel time,
 * 5 max distance, 6 max stops, 7 unreachable, 8 no room left, 9 max driving, 10 work limit.
 * Reload steps appear only where a trip ends (never the reloads parked at the start or the end).
 * Last, from the offset in the header, the solution packed as input 14 (a later round starts from it).
 * Then, with param 25, the route pool (route-pool.ts): its count, then per route [vehicle, length,
 * cost, tasks…].
 */
import { runSearch } from './search';
import { writeOutput } from './output';

export { configure, inputPtr } from './instance';
export { outputLength } from './output';

/** Runs the search and returns the pointer of the output array. */
export function solve(): usize {
  runSearch();
  return writeOutput();
}
