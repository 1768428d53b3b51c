/**
 * The route pool: every route of every solution that became this search's best, once each (the
 * same tasks in the same order at the same cost), for the host to recombine (src/recombine.ts).
 * Kept only when asked (PARAM_ROUTE_POOL). A full pool is emptied and filled again: the latest
 * routes are the ones worth recombining, and the next best brings its routes back in.
 */
import { params } from './instance';
import { PARAM_ROUTE_POOL } from '../src/abi';

/** Routes kept at most, and their tasks in all (4 MB). */
const MAX_ROUTES = 16384;
const MAX_TASKS = 1 << 20;
const SLOTS = MAX_ROUTES * 2;

let on = false;
/** Open-addressing table of entry + 1 (0 empty), by hash. */
let slots = new StaticArray<i32>(0);
let hashes = new StaticArray<u32>(0);
let vehicleOf = new StaticArray<i32>(0);
let startOf = new StaticArray<i32>(0);
let lengthOf = new StaticArray<i32>(0);
let costOf = new StaticArray<f64>(0);
let tasks = new StaticArray<i32>(0);
let poolCount: i32 = 0;
let fill: i32 = 0;

export function allocPool(): void {
  on = params[PARAM_ROUTE_POOL] > 0;
  poolCount = 0;
  fill = 0;
  if (!on) return;
  slots = new StaticArray<i32>(SLOTS);
  hashes = new StaticArray<u32>(MAX_ROUTES);
  vehicleOf = new StaticArray<i32>(MAX_ROUTES);
  startOf = new StaticArray<i32>(MAX_ROUTES);
  lengthOf = new StaticArray<i32>(MAX_ROUTES);
  costOf = new StaticArray<f64>(MAX_ROUTES);
  tasks = new StaticArray<i32>(MAX_TASKS);
}

function sameTasks(e: i32, seq: StaticArray<i32>, from: i32, len: i32): bool {
  if (unchecked(lengthOf[e]) != len) return false;
  const at = unchecked(startOf[e]);
  for (let i = 0; i < len; i++) if (unchecked(tasks[at + i]) != unchecked(seq[from + i])) return false;
  return true;
}

function emptyPool(): void {
  for (let s = 0; s < SLOTS; s++) unchecked((slots[s] = 0));
  poolCount = 0;
  fill = 0;
}

/** Keeps route `seq[from, from + len)` of vehicle `r` at `cost`, unless kept already. */
export function poolRoute(r: i32, seq: StaticArray<i32>, from: i32, len: i32, cost: f64): void {
  if (!on || len == 0) return;
  let h: u32 = 2166136261;
  for (let i = 0; i < len; i++) h = (h ^ <u32>unchecked(seq[from + i])) * 16777619;
  let s = <i32>(h & (SLOTS - 1));
  while (unchecked(slots[s]) != 0) {
    const e = unchecked(slots[s]) - 1;
    if (unchecked(hashes[e]) == h && unchecked(costOf[e]) == cost && sameTasks(e, seq, from, len)) return;
    s = (s + 1) & (SLOTS - 1);
  }
  if (poolCount == MAX_ROUTES || fill + len > MAX_TASKS) {
    emptyPool();
    s = <i32>(h & (SLOTS - 1));
  }
  const e = poolCount++;
  unchecked((slots[s] = e + 1));
  unchecked((hashes[e] = h));
  unchecked((vehicleOf[e] = r));
  unchecked((startOf[e] = fill));
  unchecked((lengthOf[e] = len));
  unchecked((costOf[e] = cost));
  for (let i = 0; i < len; i++) unchecked((tasks[fill++] = seq[from + i]));
}

/** Output slots the pool takes: its count, then per route vehicle, length and cost, then its tasks. */
export function poolOutputLength(): i32 {
  return on ? 1 + 3 * poolCount + fill : 0;
}

/** Writes the pool through `put` (output.ts). */
export function writePool(put: (x: f64) => void): void {
  put(<f64>poolCount);
  for (let e = 0; e < poolCount; e++) {
    put(<f64>unchecked(vehicleOf[e]));
    put(<f64>unchecked(lengthOf[e]));
    put(unchecked(costOf[e]));
    const at = unchecked(startOf[e]);
    for (let i = 0; i < unchecked(lengthOf[e]); i++) put(<f64>unchecked(tasks[at + i]));
  }
}
