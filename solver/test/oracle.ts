/**
 * On random instances of up to 8 jobs the solver must find the optimum that brute force finds.
 * The oracle enumerates every ordered route over every subset of jobs for identical vehicles,
 * then the best partition of the served jobs into at most |vehicles| routes, serving as many jobs
 * as possible first (the objective's first level).
 */
import type { Problem } from '../src/types.ts';
import { prng } from './prng.ts';

export interface Inst {
  n: number;
  vehicles: number;
  cap: number;
  demand: number[];
  service: number[];
  tw: [number, number][];
  m: number[][]; // index 0 = depot, job i at i + 1
  horizon: number;
}

export function randomInstance(seed: number): Inst {
  const rnd = prng(seed);
  const n = 5 + Math.floor(rnd() * 4);
  const pts = Array.from({ length: n + 1 }, () => [Math.floor(rnd() * 100), Math.floor(rnd() * 100)] as const);
  const m = pts.map((a) => pts.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]))));
  const horizon = 400;
  const tw = Array.from({ length: n }, (): [number, number] => {
    if (rnd() < 0.4) return [0, horizon];
    const s = Math.floor(rnd() * 250);
    return [s, s + 30 + Math.floor(rnd() * 80)];
  });
  return {
    n,
    vehicles: 2 + Math.floor(rnd() * 2),
    cap: 10,
    horizon,
    m,
    tw,
    demand: Array.from({ length: n }, () => 1 + Math.floor(rnd() * 5)),
    service: Array.from({ length: n }, () => Math.floor(rnd() * 20)),
  };
}

/** Cost of the best feasible order of a subset's jobs (Infinity if none). */
function bestRoute(inst: Inst, jobs: number[]): number {
  if (jobs.reduce((s, j) => s + (inst.demand[j] ?? 0), 0) > inst.cap) return Infinity;
  let best = Infinity;
  const used = new Array<boolean>(jobs.length).fill(false);
  const rec = (depth: number, at: number, time: number, cost: number) => {
    if (cost >= best) return;
    if (depth === jobs.length) {
      const back = inst.m[at]?.[0] ?? 0;
      if (time + back <= inst.horizon) best = Math.min(best, cost + back);
      return;
    }
    for (let k = 0; k < jobs.length; k++) {
      if (used[k]) continue;
      const j = jobs[k] as number;
      const t = inst.m[at]?.[j + 1] ?? 0;
      const [s, e] = inst.tw[j] as [number, number];
      const start = Math.max(time + t, s);
      if (start > e) continue;
      used[k] = true;
      rec(depth + 1, j + 1, start + (inst.service[j] ?? 0), cost + t);
      used[k] = false;
    }
  };
  rec(0, 0, 0, 0);
  return best;
}

export function oracle(inst: Inst): { served: number; cost: number } {
  const full = 1 << inst.n;
  const route = new Array<number>(full).fill(Infinity);
  route[0] = 0;
  for (let S = 1; S < full; S++) {
    const jobs = [];
    for (let j = 0; j < inst.n; j++) if (S & (1 << j)) jobs.push(j);
    route[S] = bestRoute(inst, jobs);
  }
  // part[k][S]: best cost covering exactly S with at most k routes.
  let part = route.slice();
  for (let k = 2; k <= inst.vehicles; k++) {
    const next = part.slice();
    for (let S = 1; S < full; S++) {
      const low = S & -S; // the lowest job goes in the first route: avoids symmetric splits
      for (let A = S; A > 0; A = (A - 1) & S) {
        if (!(A & low)) continue;
        const c = (route[A] ?? Infinity) + (part[S ^ A] ?? Infinity);
        if (c < (next[S] ?? Infinity)) next[S] = c;
      }
    }
    part = next;
  }
  let best = { served: -1, cost: Infinity };
  for (let S = 0; S < full; S++) {
    const c = part[S] ?? Infinity;
    if (c === Infinity) continue;
    let served = 0;
    for (let j = 0; j < inst.n; j++) if (S & (1 << j)) served++;
    if (served > best.served || (served === best.served && c < best.cost)) best = { served, cost: c };
  }
  return best;
}

export function toProblem(inst: Inst): Problem {
  return {
    matrices: { durations: inst.m, distances: inst.m },
    vehicles: Array.from({ length: inst.vehicles }, (_, i) => ({
      id: i,
      start: 0,
      end: 0,
      capacity: [inst.cap],
      timeWindow: [0, inst.horizon] as const,
    })),
    jobs: Array.from({ length: inst.n }, (_, j) => ({
      id: j,
      location: j + 1,
      delivery: [inst.demand[j] ?? 0],
      serviceS: inst.service[j] ?? 0,
      timeWindows: [inst.tw[j] as [number, number]],
    })),
  };
}
