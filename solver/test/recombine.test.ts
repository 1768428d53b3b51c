/**
 * Recombination (src/recombine.ts, assembly/route-pool.ts): the routes every search of a solve
 * made its best make a pool, and the plan they recombine into, when cheaper than every search's
 * best, is where one more search starts. Outputs here are written by hand in the engine's layout
 * (assembly/index.ts), so that which routes exist, and what they cost, is fixed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PARAM_ROUTE_POOL } from '../src/abi.ts';
import { decodeSolution } from '../src/decode.ts';
import { encodeProblem } from '../src/encode.ts';
import { runEngine } from '../src/engine.ts';
import { canRecombine, recombine, vehicleClasses } from '../src/recombine.ts';
import { type Round, searchInRounds } from '../src/searches.ts';
import { shutdownWorkers } from '../src/solve.ts';
import type { Problem } from '../src/types.ts';
import { engineModule } from '../src/wasm-node.ts';
import { checkSolution } from './checker.ts';
import { liLimFixture, lineMatrix, solveChecked } from './helpers.ts';

afterAll(() => shutdownWorkers());

interface HandRoute {
  vehicle: number;
  tasks: number[];
  cost: number;
}

/** An engine output of `routes` (tasks numbered as the engine does), with `pool` as its route pool. */
function output(vehicles: number, tasks: number, routes: HandRoute[], pool: HandRoute[] = []): Float64Array {
  const out: number[] = [routes.reduce((sum, r) => sum + r.cost, 0), routes.length, 0, 0, 0, 0, 0, 0];
  for (const r of routes) {
    out.push(r.vehicle, r.tasks.length, 0, 0, r.cost, 0);
    for (const t of r.tasks) out.push(t, 0, 0, 0, 0);
  }
  out[6] = out.length;
  out.push(0);
  for (let v = 0; v < vehicles; v++) out.push(routes.find((r) => r.vehicle === v)?.tasks.length ?? 0);
  for (let v = 0; v < vehicles; v++) out.push(...(routes.find((r) => r.vehicle === v)?.tasks ?? []));
  while (out.length < (out[6] ?? 0) + 1 + vehicles + tasks) out.push(0);
  if (pool.length > 0) {
    out[7] = out.length;
    out.push(pool.length);
    for (const r of pool) out.push(r.vehicle, r.tasks.length, r.cost, ...r.tasks);
  }
  return Float64Array.from(out);
}

/** The routes packed in a start handed back by `recombine`: per vehicle, its tasks. */
function packedRoutes(start: Float64Array, vehicles: number): number[][] {
  const at = start[6] ?? 0;
  let k = at + 1 + vehicles;
  return Array.from({ length: vehicles }, (_, v) => {
    const len = start[at + 1 + v] ?? 0;
    const seq = Array.from(start.subarray(k, k + len));
    k += len;
    return seq;
  });
}

/** Six jobs on a line and `vehicles` vans; `differ` gives the vans their own capacities. */
function sixJobs(vehicles: number, differ = false): Problem {
  return {
    matrices: lineMatrix(7),
    vehicles: Array.from({ length: vehicles }, (_, i) => ({
      id: `v${i}`,
      start: 0,
      end: 0,
      capacity: [differ ? 10 + i : 10],
    })),
    jobs: Array.from({ length: 6 }, (_, i) => ({ id: `j${i}`, location: i + 1, delivery: [1] })),
  };
}

describe('the plan the routes of several searches recombine into', () => {
  // A: {0,1} 1 + {2,3} 10 + {4,5} 10 = 21; B: {0,4} 10 + {1,5} 10 + {2,3} 2 = 22. Neither is the
  // best plan: {0,1} from A, {2,3} from B and {4,5} from A cost 13.
  const a = output(3, 6, [
    { vehicle: 0, tasks: [0, 1], cost: 1 },
    { vehicle: 1, tasks: [3, 2], cost: 10 },
    { vehicle: 2, tasks: [4, 5], cost: 10 },
  ]);
  const b = output(3, 6, [
    { vehicle: 2, tasks: [0, 4], cost: 10 },
    { vehicle: 0, tasks: [1, 5], cost: 10 },
    { vehicle: 1, tasks: [2, 3], cost: 2 },
  ]);

  it('takes each route from the search that had it cheapest, on interchangeable vans', () => {
    const start = recombine(sixJobs(3), [a, b], 21, 1e-9, 1000);
    expect(start?.[0]).toBe(13);
    const routes = packedRoutes(start as Float64Array, 3).filter((r) => r.length > 0);
    expect(routes.map((r) => r.join(',')).sort()).toEqual(['0,1', '2,3', '4,5']);
  });

  it('draws on the routes each search kept on its way (its route pool), not only its last best', () => {
    // C's last best is A's plan; its pool holds a route serving 2, 3, 4 and 5 for 6 that it left.
    const c = output(
      3,
      6,
      [
        { vehicle: 0, tasks: [0, 1], cost: 1 },
        { vehicle: 1, tasks: [3, 2], cost: 10 },
        { vehicle: 2, tasks: [4, 5], cost: 10 },
      ],
      [{ vehicle: 1, tasks: [2, 3, 5, 4], cost: 6 }],
    );
    const start = recombine(sixJobs(3), [c], 21, 1e-9, 1000);
    expect(start?.[0]).toBe(7);
    expect(packedRoutes(start as Float64Array, 3).filter((r) => r.length > 0)).toEqual([
      [0, 1],
      [2, 3, 5, 4],
    ]);
  });

  it('gives nothing when no recombination beats the best', () => {
    const mixed = output(3, 6, [
      { vehicle: 0, tasks: [0, 1], cost: 1 },
      { vehicle: 1, tasks: [2, 3], cost: 2 },
      { vehicle: 2, tasks: [4, 5], cost: 10 },
    ]);
    expect(recombine(sixJobs(3), [b, mixed, a], 13, 1e-9, 1000)).toBeNull();
    expect(recombine(sixJobs(3), [a], 21, 1e-9, 1000)).toBeNull();
  });

  it('keeps a route on a van of its own kind, and no more routes on a kind than it has vans', () => {
    // The vans differ: each route may go only to the van it ran on. B's cheap {2,3} ran on van 1,
    // A's {0,1} on van 0 and {4,5} on van 2, so they still make the 13 plan.
    expect(vehicleClasses(sixJobs(3, true))).toEqual(Int32Array.from([0, 1, 2]));
    expect(vehicleClasses(sixJobs(3))).toEqual(Int32Array.from([0, 0, 0]));
    const start = recombine(sixJobs(3, true), [a, b], 21, 1e-9, 1000);
    expect(start?.[0]).toBe(13);
    expect(packedRoutes(start as Float64Array, 3)).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    // Here B's {2,3} is on van 0, as is A's {0,1}: they cannot both be kept.
    const onVanZero = output(3, 6, [
      { vehicle: 2, tasks: [0, 4], cost: 10 },
      { vehicle: 1, tasks: [1, 5], cost: 10 },
      { vehicle: 0, tasks: [2, 3], cost: 2 },
    ]);
    expect(recombine(sixJobs(3, true), [a, onVanZero], 21, 1e-9, 1000)).toBeNull();
  });

  it('leaves out problems whose routes do not cost or hold on their own', () => {
    expect(canRecombine(sixJobs(3))).toBe(true);
    const withBreak = sixJobs(3);
    (withBreak.vehicles[0] as Problem['vehicles'][number]).breaks = [
      { id: 'b', serviceS: 60, timeWindows: [[0, 600]] },
    ];
    expect(canRecombine(withBreak)).toBe(false);
    expect(canRecombine({ ...sixJobs(3), balance: 1 })).toBe(false);
  });
});

describe('the route pool the engine keeps', () => {
  const problem = liLimFixture('lrc201');
  const run = (pool: number) => {
    const enc = encodeProblem(problem, { timeLimitMs: 600_000, maxIterations: 3000, seed: 3 });
    enc.params[PARAM_ROUTE_POOL] = pool;
    return { enc, out: runEngine(enc, {}, engineModule()) };
  };

  it('holds the best plan’s routes among others, each carrying whole shipments, picked up before delivered', () => {
    const { enc, out } = run(1);
    const at = out[7] ?? 0;
    expect(at).toBeGreaterThan(0);
    const count = out[at] ?? 0;
    const routes: { vehicle: number; seq: number[]; cost: number }[] = [];
    let p = at + 1;
    for (let k = 0; k < count; k++) {
      const len = out[p + 1] ?? 0;
      routes.push({ vehicle: out[p] ?? 0, cost: out[p + 2] ?? 0, seq: Array.from(out.subarray(p + 3, p + 3 + len)) });
      p += 3 + len;
    }
    expect(routes.length).toBeGreaterThan(out[1] ?? 0); // more than the best's own routes
    const keys = new Set(routes.map((r) => r.seq.join(',')));
    const best = decodeSolution(problem, enc, out, 0);
    // Each of the best's routes is in the pool (as its tasks, in order: pickups and deliveries).
    const taskOf = new Map<string, number>();
    (problem.shipments ?? []).forEach((s, i) => {
      taskOf.set(`pickup${s.pickup.id}`, 2 * i);
      taskOf.set(`delivery${s.delivery.id}`, 2 * i + 1);
    });
    for (const r of best.routes) {
      const seq = r.steps.filter((s) => s.id !== undefined).map((s) => taskOf.get(`${s.type}${s.id}`));
      expect(keys.has(seq.join(','))).toBe(true);
    }
    // Each pooled route carries whole shipments, each picked up before it is delivered.
    for (const r of routes) {
      for (const [k, t] of r.seq.entries()) if (t % 2 === 0) expect(r.seq.indexOf(t + 1)).toBeGreaterThan(k);
      expect(r.seq.filter((t) => t % 2 === 1).every((t) => r.seq.includes(t - 1))).toBe(true);
    }
  });

  it('is not kept unless asked for', () => {
    expect(run(0).out[7]).toBe(0);
  });
});

describe('a solve that recombines', () => {
  it('runs one more search, from the recombined plan, when it beats every round’s best, and answers that search’s best', async () => {
    const problem = sixJobs(3);
    const starts: (Float64Array | undefined)[] = [];
    let round = 0;
    const script: Round = async (_seed, _limitMs, _opts, warm) => {
      starts.push(warm?.out);
      round++;
      if (round === 1) return [a()];
      if (round === 2) return [b()];
      return [output(3, 6, [{ vehicle: 0, tasks: [0, 1, 2, 3, 4, 5], cost: 12 }])];
    };
    const best = await searchInRounds(problem, { tuning: { restarts: 2 } }, 2000, script);
    expect(starts).toHaveLength(3);
    expect(starts[2]?.[0]).toBe(13); // the third search started from the recombined plan
    expect(best[0]).toBe(12);
    // Off, two rounds and nothing more.
    round = 0;
    starts.length = 0;
    const off = await searchInRounds(problem, { tuning: { restarts: 2, recombine: -1 } }, 2000, script);
    expect(starts).toHaveLength(2);
    expect(off[0]).toBe(21);
  });

  it('answers a checked plan through the workers', async () => {
    const sol = await solveChecked(liLimFixture('lrc201'), { timeLimitMs: 1600, tuning: { restarts: 2 } });
    expect(sol.unassigned).toEqual([]);
    expect(() => checkSolution(liLimFixture('lrc201'), sol)).not.toThrow();
  });

  function a(): Float64Array {
    return output(3, 6, [
      { vehicle: 0, tasks: [0, 1], cost: 1 },
      { vehicle: 1, tasks: [3, 2], cost: 10 },
      { vehicle: 2, tasks: [4, 5], cost: 10 },
    ]);
  }
  function b(): Float64Array {
    return output(3, 6, [
      { vehicle: 2, tasks: [0, 4], cost: 10 },
      { vehicle: 0, tasks: [1, 5], cost: 10 },
      { vehicle: 1, tasks: [2, 3], cost: 2 },
    ]);
  }
});
