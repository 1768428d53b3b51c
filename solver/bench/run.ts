/**
 * `pnpm bench` — solver figures on the literature sets and two generated instances.
 *
 * Environment (or `--key=value` flags with the same names in lower case without the prefix):
 *   SOLVER_BENCH_SUITES   comma list of solomon, homberger, cvrp, hvrp, big, weeks  (default: all)
 *   SOLVER_BENCH_OBJECTIVES  comma list of distance, vehicles              (default: both)
 *   SOLVER_BENCH_TIME     seconds per instance, overrides the per-suite defaults below
 *   SOLVER_BENCH_TIME_DISTANCE / _VEHICLES / _HOMBERGER / _CVRP / _HVRP / _BIG / _WEEKS   per-suite seconds
 *   SOLVER_BENCH_WORKERS  parallel searches per instance (default 2: both cores)
 *   SOLVER_BENCH_SEED     (default 1)
 *   SOLVER_BENCH_LOCAL_SEARCH  tuning.localSearch: 1 relocate and 2-opt* on, -1 off, 0 auto (the default)
 * Defaults keep the whole run under ~10 minutes: Solomon 2 s (distance) and 10 s (vehicles),
 * Homberger 10 s, CVRP 10 s, heterogeneous fleet (HVRP) 10 s, 10k-stop and five-week 120 s each.
 * Every result goes through the tests' independent checker; a violation is printed as FAIL.
 */
import { hvrpSuite } from './hvrp.ts';
import { shutdownWorkers, solve } from '../src/solve.ts';
import type { Problem, Solution } from '../src/types.ts';
import { checkSolution } from '../test/checker.ts';
import {
  bigCityProblem,
  cvrpProblem,
  fiveWeekProblem,
  listInstances,
  readBks,
  solomonProblem,
  type Bks,
} from './instances.ts';

const flags = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=', 2) as [string, string]));
const env = (k: string): string | undefined =>
  flags.get(k.toLowerCase().replace(/_/g, '-')) ?? process.env[`SOLVER_BENCH_${k}`];
const list = (k: string, all: string[]) =>
  (env(k) ?? all.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const secs = (k: string, dflt: number) => Number(env('TIME') ?? env(`TIME_${k}`) ?? dflt);
const suites = list('SUITES', ['solomon', 'homberger', 'cvrp', 'hvrp', 'big', 'weeks']);
const objectives = list('OBJECTIVES', ['distance', 'vehicles']) as ('distance' | 'vehicles')[];
const workers = Number(env('WORKERS') ?? 2);
const seed = Number(env('SEED') ?? 1);
const ls = env('LOCAL_SEARCH');
const tuning = ls === undefined ? undefined : { localSearch: Number(ls) };

function check(p: Problem, s: Solution): string {
  try {
    checkSolution(p, s);
    return 'ok';
  } catch (e) {
    return `FAIL ${(e as Error).message}`;
  }
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const num = (x: number, d = 2) => x.toFixed(d);

async function literature(
  set: string,
  folder: string,
  ext: string,
  objective: 'distance' | 'vehicles',
  seconds: number,
  bks: Map<string, Bks>,
  load: (path: string) => Problem,
): Promise<void> {
  console.log(
    `\n## ${set} — objective: ${objective === 'vehicles' ? 'vehicles, then distance' : 'distance only'} — ${seconds} s × ${workers} workers`,
  );
  console.log(
    `${pad('instance', 12)}${pad('veh', 5)}${pad('distance', 11)}${pad('bks veh', 9)}${pad('bks dist', 11)}${pad('gap %', 8)}${pad('s', 7)}check`,
  );
  let cnv = 0,
    ctd = 0,
    bv = 0,
    bd = 0,
    gaps = 0,
    n = 0,
    nb = 0,
    vehOff = 0,
    total = 0;
  for (const inst of listInstances(folder, ext)) {
    const p = load(inst.path);
    const t0 = performance.now();
    const sol = await solve(p, { timeLimitMs: seconds * 1000, workers, seed, tuning });
    const t = (performance.now() - t0) / 1000;
    total += t;
    const b = bks.get(inst.name.toLowerCase());
    const gap = b ? ((sol.summary.distance - b.distance) / b.distance) * 100 : Number.NaN;
    const unassigned = sol.unassigned.length ? ` (${sol.unassigned.length} unassigned)` : '';
    console.log(
      `${pad(inst.name, 12)}${pad(sol.summary.routes, 5)}${pad(num(sol.summary.distance), 11)}${pad(b?.vehicles ?? '-', 9)}${pad(b ? num(b.distance) : '-', 11)}${pad(num(gap), 8)}${pad(num(t, 1), 7)}${check(p, sol)}${unassigned}`,
    );
    cnv += sol.summary.routes;
    ctd += sol.summary.distance;
    n++;
    if (b) {
      nb++;
      bv += b.vehicles;
      bd += b.distance;
      gaps += gap;
      vehOff = Math.max(vehOff, sol.summary.routes - b.vehicles);
    }
  }
  const vs = nb
    ? `avg gap ${num(gaps / nb)}% over ${nb}  max vehicles over bks ${vehOff}`
    : 'no BKS for this objective';
  console.log(
    `TOTAL ${set} ${objective}: ${n} instances  CNV ${cnv} (bks ${nb ? bv : '-'})  CTD ${num(ctd)} (bks ${nb ? num(bd) : '-'})  ${vs}  ${num(total, 0)} s`,
  );
}

async function generated(name: string, p: Problem, seconds: number): Promise<void> {
  console.log(`\n## ${name} — ${seconds} s × ${workers} workers`);
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 200);
  let firstFeasible = Number.NaN;
  const jobs = p.jobs?.length ?? 0;
  const t0 = performance.now();
  const sol = await solve(p, {
    timeLimitMs: seconds * 1000,
    workers,
    seed,
    tuning,
    onProgress: (pr) => {
      if (Number.isNaN(firstFeasible)) firstFeasible = pr.elapsedMs / 1000;
    },
  });
  const t = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const assigned = jobs - sol.unassigned.length;
  console.log(
    `routes ${sol.routes.length}  assigned ${assigned}/${jobs} (${num((assigned / jobs) * 100)}%)  distance ${num(sol.summary.distance / 1000, 1)} km  travel ${num(sol.summary.travelS / 3600, 1)} h  first solution ${num(firstFeasible, 1)} s  total ${num(t, 1)} s  peak RSS ${num(peak / 2 ** 20, 0)} MB  iterations ${sol.summary.iterations}  ${check(p, sol)}`,
  );
  const reasons = new Map<string, number>();
  for (const u of sol.unassigned) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
  if (reasons.size) console.log(`unassigned reasons: ${[...reasons].map(([r, c]) => `${r} ${c}`).join(', ')}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  if (suites.includes('solomon')) {
    for (const o of objectives) {
      await literature(
        'Solomon',
        'solomon',
        '.txt',
        o,
        secs(o === 'distance' ? 'DISTANCE' : 'VEHICLES', o === 'distance' ? 2 : 10),
        readBks(o === 'distance' ? 'bks_distance_only.csv' : 'bks.csv'),
        (path) => solomonProblem(path, o),
      );
    }
  }
  if (suites.includes('homberger')) {
    for (const o of objectives) {
      await literature(
        'Homberger',
        'homberger',
        '.txt',
        o,
        secs('HOMBERGER', 10),
        readBks(o === 'distance' ? 'bks_distance_only.csv' : 'bks.csv'),
        (path) => solomonProblem(path, o),
      );
    }
  }
  if (suites.includes('cvrp')) {
    await literature(
      'Uchoa X (CVRP)',
      'cvrp',
      '.vrp',
      'distance',
      secs('CVRP', 10),
      readBks('bks_cvrp.csv'),
      (path) => {
        const k = Number(/-k(\d+)/.exec(path)?.[1] ?? 20);
        return cvrpProblem(path, Math.ceil(k * 1.3) + 2);
      },
    );
  }
  if (suites.includes('hvrp')) await hvrpSuite(secs('HVRP', 10), workers, seed);
  if (suites.includes('big'))
    await generated('10,000 stops, 300 vehicles, coordinates', bigCityProblem(), secs('BIG', 120));
  if (suites.includes('weeks'))
    await generated('five weeks: 1,400 shift routes, 8,000 jobs on 1–5 days', fiveWeekProblem(), secs('WEEKS', 120));
  console.log(`\nbench total ${num((performance.now() - started) / 1000, 0)} s`);
  await shutdownWorkers();
}

void main();
