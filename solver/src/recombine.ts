/**
 * Recombination: every route that was part of a search's best, in every search of a solve (each
 * worker of each round; assembly/route-pool.ts), makes a pool, and a set of them that serves every
 * task once may beat each search's own best. Sartori & Buriol (2020) solve that set partitioning
 * whole with a MIP solver; here it is solved in pieces: from the best plan, the routes that one
 * pool route crosses (three at most) are replaced by the cheapest exact cover of their tasks by
 * pool routes, as long as that lowers the cost. Independent rounds end in different basins yet
 * share many routes. On Li & Lim LRC2_4_2 (60 s × 2 workers, 3 rounds, pools of about 3,000
 * routes; a piece search ends in 0.2–0.3 s) a plan 0.03–1.3 % cheaper than the best came out of
 * every run; over seeds 1–10 the runs ended at a mean 0.72 % (7 within 1 %) against 1.04 % (4)
 * without (README).
 *
 * A route keeps its tasks and their order; it may move to any vehicle interchangeable with its
 * own (same fields but the id). Only problems whose routes cost and hold independently qualify:
 * no breaks or reloads (tasks of one vehicle), no work limits, no balance term.
 */
import type { Problem } from './types.ts';

/** One route of the pool: its tasks in order, its engine cost, the class of vehicles it fits. */
interface PoolRoute {
  seq: Int32Array;
  cost: number;
  vehicleClass: number;
}

/** Whether a problem's routes can be recombined (see above). */
export function canRecombine(problem: Problem): boolean {
  if ((problem.workLimits?.length ?? 0) > 0 || (problem.balance ?? 0) > 0) return false;
  return problem.vehicles.every((v) => (v.breaks?.length ?? 0) === 0 && !v.reload && !v.maxDrivingS);
}

/** Vehicles that differ only in their id and description share a class: its number per vehicle. */
export function vehicleClasses(problem: Problem): Int32Array {
  const classOf = new Map<string, number>();
  return Int32Array.from(problem.vehicles, (v) => {
    const { id: _id, description: _description, ...rest } = v;
    const key = JSON.stringify(rest);
    const known = classOf.get(key);
    if (known !== undefined) return known;
    classOf.set(key, classOf.size);
    return classOf.size - 1;
  });
}

/**
 * The routes of an engine output (assembly/index.ts: the header, per route its vehicle and cost,
 * then the solution packed from header slot 6), or null when it holds no packed solution (or
 * leaves a task out: a cover must serve them all).
 */
function routesOf(out: Float64Array, vehicles: number, tasks: number, classes: Int32Array): PoolRoute[] | null {
  const packedAt = out[6] ?? 0;
  if (out.length < 8 || packedAt < 8 || packedAt + 1 + vehicles > out.length) return null;
  if ((out[2] ?? 0) !== 0) return null;
  const costOf = new Map<number, number>();
  let p = 8;
  for (let r = 0; r < (out[1] ?? 0); r++) {
    costOf.set(out[p] ?? -1, out[p + 4] ?? 0);
    p += 6 + 5 * (out[p + 1] ?? 0);
  }
  const routes: PoolRoute[] = [];
  let at = packedAt + 1 + vehicles;
  let served = 0;
  for (let v = 0; v < vehicles; v++) {
    const len = out[packedAt + 1 + v] ?? 0;
    if (len > 0) {
      const cost = costOf.get(v);
      if (cost === undefined) return null;
      routes.push({ seq: Int32Array.from(out.subarray(at, at + len)), cost, vehicleClass: classes[v] ?? 0 });
    }
    at += len;
    served += len;
  }
  return served === tasks ? routes : null;
}

/** The route pool of an engine output (from header slot 7; assembly/route-pool.ts), if it has one. */
function pooledRoutes(out: Float64Array, tasks: number, classes: Int32Array): PoolRoute[] {
  const routes: PoolRoute[] = [];
  let p = out[7] ?? 0;
  if (p < 8 || p >= out.length) return routes;
  const count = out[p++] ?? 0;
  for (let k = 0; k < count && p + 3 <= out.length; k++) {
    const [v = 0, len = 0, cost = 0] = out.subarray(p, p + 3);
    const seq = Int32Array.from(out.subarray(p + 3, p + 3 + len));
    p += 3 + len;
    if (seq.length === len && seq.every((t) => t >= 0 && t < tasks))
      routes.push({ seq, cost, vehicleClass: classes[v] ?? 0 });
  }
  return routes;
}

/** The pool: each set of tasks on each class of vehicles once, in its cheapest order. */
function poolOf(outs: Float64Array[], vehicles: number, tasks: number, classes: Int32Array): PoolRoute[] {
  const pool = new Map<string, PoolRoute>();
  for (const out of outs) {
    for (const route of [...(routesOf(out, vehicles, tasks, classes) ?? []), ...pooledRoutes(out, tasks, classes)]) {
      const key = `${route.vehicleClass}:${[...route.seq].sort((a, b) => a - b).join(',')}`;
      const known = pool.get(key);
      if (!known || route.cost < known.cost) pool.set(key, route);
    }
  }
  return [...pool.values()];
}

/**
 * The cheapest exact cover of the tasks `universe` by `candidates` (routes holding only tasks of
 * it), class `c` holding at most `caps[c]` of them, if one costs less than `bound`; searched
 * depth-first (the task with the fewest routes left first, cheapest share per task first), pruned
 * by a lower bound (each task left at its cheapest share of a route still open), until `deadline`.
 */
function cheapestCover(
  candidates: PoolRoute[],
  universe: number[],
  caps: number[],
  bound: number,
  deadline: number,
): PoolRoute[] | null {
  const index = new Map(universe.map((t, i) => [t, i]));
  const routesWith: number[][] = universe.map(() => []);
  candidates.forEach((route, i) => {
    for (const t of route.seq) routesWith[index.get(t) ?? -1]?.push(i);
  });
  const share = candidates.map((route) => route.cost / route.seq.length);
  for (const list of routesWith) list.sort((a, b) => (share[a] ?? 0) - (share[b] ?? 0));
  /** Per route, how many of its tasks are served already (0: it can still be picked). */
  const blocked = new Int32Array(candidates.length);
  const served = new Uint8Array(universe.length);
  const used = caps.map(() => 0);
  const picked: number[] = [];
  let best: number[] | null = null;
  let bestCost = bound;
  let nodes = 0;
  let outOfTime = false;

  const open = (i: number) => {
    const c = candidates[i]?.vehicleClass ?? 0;
    return blocked[i] === 0 && (used[c] ?? 0) < (caps[c] ?? 0);
  };
  const pick = (i: number, step: 1 | -1) => {
    const route = candidates[i] as PoolRoute;
    used[route.vehicleClass] = (used[route.vehicleClass] ?? 0) + step;
    for (const t of route.seq) {
      const k = index.get(t) ?? 0;
      served[k] = step > 0 ? 1 : 0;
      for (const j of routesWith[k] ?? []) blocked[j] = (blocked[j] ?? 0) + step;
    }
  };
  const search = (cost: number, left: number): void => {
    if ((++nodes & 255) === 0 && performance.now() > deadline) outOfTime = true;
    if (outOfTime) return;
    if (left === 0) {
      if (cost < bestCost) {
        bestCost = cost;
        best = [...picked];
      }
      return;
    }
    let branch: number[] | null = null;
    let lower = cost;
    for (let k = 0; k < universe.length; k++) {
      if (served[k]) continue;
      const choices = (routesWith[k] ?? []).filter(open);
      if (choices.length === 0) return;
      lower += share[choices[0] as number] ?? 0;
      if (!branch || choices.length < branch.length) branch = choices;
    }
    if (!branch || lower >= bestCost) return;
    for (const i of branch) {
      pick(i, 1);
      picked.push(i);
      search(cost + (candidates[i]?.cost ?? 0), left - (candidates[i]?.seq.length ?? 0));
      picked.pop();
      pick(i, -1);
    }
  };
  search(0, universe.length);
  return best ? (best as number[]).map((i) => candidates[i] as PoolRoute) : null;
}

/** Routes of a cover that one pool route may join: a pool route crossing at most this many. */
const MAX_JOINED = 3;

/** The sets of `ids` (sorted, none empty): the keys a pool route inside their union may have. */
function subsetKeys(ids: number[]): string[] {
  const keys: string[] = [];
  for (let mask = 1; mask < 1 << ids.length; mask++) keys.push(ids.filter((_, k) => mask & (1 << k)).join(' '));
  return keys;
}

/**
 * Improves `cover` (an exact cover of the tasks, in place) from the pool until no move is left or
 * `deadline`. A move: the routes of the cover that one pool route shares tasks with (at most
 * MAX_JOINED) are replaced by the cheapest exact cover of their tasks by pool routes, when that
 * costs less by `margin` (relative to the whole plan). Returns whether the cover improved.
 */
function improveCover(
  cover: PoolRoute[],
  pool: PoolRoute[],
  tasks: number,
  classSizes: number[],
  margin: number,
  deadline: number,
): boolean {
  // The cover's routes by id: a set of ids tried once needs no second try.
  const byId = new Map<number, PoolRoute>();
  let nextId = 0;
  for (const route of cover) byId.set(nextId++, route);
  const owner = new Int32Array(tasks);
  const tried = new Set<string>();
  const total = () => [...byId.values()].reduce((sum, route) => sum + route.cost, 0);
  let improved = false;
  let changed = true;
  while (changed && performance.now() < deadline) {
    changed = false;
    for (const [id, route] of byId) for (const t of route.seq) owner[t] = id;
    // Pool routes by the set of cover routes they cross (a key of sorted ids).
    const inside = new Map<string, PoolRoute[]>();
    for (const route of pool) {
      const ids = [...new Set(Array.from(route.seq, (t) => owner[t] ?? 0))];
      if (ids.length > MAX_JOINED) continue;
      const key = ids.sort((a, b) => a - b).join(' ');
      inside.get(key)?.push(route) ?? inside.set(key, [route]);
    }
    const margins = margin * Math.abs(total());
    for (const key of inside.keys()) {
      if (performance.now() > deadline) break;
      const ids = key.split(' ').map(Number);
      if (tried.has(key) || ids.some((id) => !byId.has(id))) continue;
      tried.add(key);
      const candidates = subsetKeys(ids).flatMap((k) => inside.get(k) ?? []);
      const joined = ids.map((id) => byId.get(id) as PoolRoute);
      const caps = classSizes.slice();
      for (const [id, route] of byId)
        if (!ids.includes(id)) caps[route.vehicleClass] = (caps[route.vehicleClass] ?? 0) - 1;
      const universe = joined.flatMap((route) => Array.from(route.seq));
      const now = joined.reduce((sum, route) => sum + route.cost, 0);
      const better = cheapestCover(candidates, universe, caps, now - margins, deadline);
      if (!better) continue;
      for (const id of ids) byId.delete(id);
      for (const route of better) byId.set(nextId++, route);
      improved = changed = true;
    }
  }
  cover.splice(0, cover.length, ...byId.values());
  return improved;
}

/**
 * Recombines the routes of `outs` (engine outputs of one problem): a start for one more search,
 * shaped as an output (header slot 0 its cost, slot 6 where its packed solution begins), when the
 * best of `outs` (costing `bestCost`), improved from their pool within `budgetMs`, beats itself by
 * `margin` (relative); else null.
 */
export function recombine(
  problem: Problem,
  outs: Float64Array[],
  bestCost: number,
  margin: number,
  budgetMs: number,
): Float64Array | null {
  const vehicles = problem.vehicles.length;
  const tasks = (problem.jobs?.length ?? 0) + 2 * (problem.shipments?.length ?? 0);
  const classes = vehicleClasses(problem);
  const pool = poolOf(outs, vehicles, tasks, classes);
  if (pool.length === 0) return null;
  const classSizes: number[] = [];
  for (const c of classes) classSizes[c] = (classSizes[c] ?? 0) + 1;
  // From the best plan (improving the others too was measured: no better on LRC2_4_2).
  const from = outs.find((out) => out[0] === bestCost);
  const cover = from ? routesOf(from, vehicles, tasks, classes) : null;
  if (!cover || !improveCover(cover, pool, tasks, classSizes, margin, performance.now() + budgetMs)) return null;
  // Each route on a vehicle of its class, in vehicle order (the packed layout: unassigned count,
  // each vehicle's route length, then the routes' tasks).
  const onVehicle: (Int32Array | undefined)[] = [];
  const waiting = cover.slice();
  for (let v = 0; v < vehicles; v++) {
    const k = waiting.findIndex((route) => route.vehicleClass === classes[v]);
    if (k >= 0) onVehicle[v] = (waiting.splice(k, 1)[0] as PoolRoute).seq;
  }
  const out = new Float64Array(8 + 1 + vehicles + tasks);
  out[0] = cover.reduce((sum, route) => sum + route.cost, 0);
  out[1] = cover.length;
  out[6] = 8;
  let at = 8 + 1 + vehicles;
  for (let v = 0; v < vehicles; v++) {
    const seq = onVehicle[v];
    out[9 + v] = seq?.length ?? 0;
    if (seq) {
      out.set(seq, at);
      at += seq.length;
    }
  }
  return out;
}
