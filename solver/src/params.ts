/**
 * The params array (IN_PARAMS) the engine reads its run settings and tuning from, by slot
 * (abi.ts): the tuning's defaults, a solve's params, and each search's own copy (`withRun`).
 */
import {
  PARAM_AVG_REMOVED,
  PARAM_BALANCE,
  PARAM_BLINK_RATE,
  PARAM_CIRCUITY,
  PARAM_FLEET_SHARE,
  PARAM_FLEET_STALL,
  PARAM_FLEET_TEMP,
  PARAM_ROUTE_POOL,
  PARAM_ROUTE_SPLIT,
  PARAM_EXCHANGE,
  PARAM_GRANULAR,
  PARAM_LOCAL_SEARCH,
  PARAM_MAX_ITERATIONS,
  PARAM_MAX_STRING,
  PARAM_NEIGHBOURS,
  PARAM_PRE_SHARE,
  PARAM_SEED,
  PARAM_START_T0,
  PARAM_SOFT_FIXED,
  PARAM_SOFT_UNASSIGNED,
  PARAM_SOFT_CAPACITY,
  PARAM_SPEED_MPS,
  PARAM_STOP_WHEN_CONVERGED,
  PARAM_T0,
  PARAM_TF,
  PARAM_TIME_LIMIT_MS,
  PARAMS_LEN,
} from './abi.ts';
import type { Encoded } from './encode.ts';
import { recombineShare, roundsFor } from './searches.ts';
import type { Problem, SolveOptions } from './types.ts';

/**
 * Defaults of `Tuning`. avgRemoved (c̄), maxString (L_max) and blinkRate are SISR's published
 * values (Christiaens & Vanden Berghe 2020, Table 6: c̄ = 10, L_max = 10, blink 0.01; c̄ is a floor, raised
 * on routes over 40 stops, see assembly/ruin.ts); t0/tf 0 pick our own scaled schedule (in
 * near-arc costs, by objective and route length: `Tuning` in types.ts, search.ts); the rest were
 * measured on Solomon and Homberger with `pnpm bench` (solver/bench/run.ts).
 */
export const DEFAULT_TUNING = {
  neighbours: 50,
  t0: 0,
  tf: 0,
  avgRemoved: 10,
  maxString: 10,
  blinkRate: 0.01,
  softFixed: 0,
  preShare: 0.1,
  softUnassigned: 0,
  softCapacity: 0,
  granular: 0,
  localSearch: 0,
  fleetTemp: 0,
  fleetStall: 0,
  restarts: 0,
  warmStart: 0,
  recombine: 0,
  routeSplit: 0,
  exchange: 0,
};

/** The params array of a solve: its run settings and tuning by slot (abi.ts), auto values as 0. */
export function encodeParams(problem: Problem, opts: SolveOptions, circuity: number, speed: number): Float64Array {
  const tuning = { ...DEFAULT_TUNING, ...opts.tuning };
  const params = new Float64Array(PARAMS_LEN);
  params[PARAM_TIME_LIMIT_MS] = opts.timeLimitMs ?? 5000;
  params[PARAM_MAX_ITERATIONS] = opts.maxIterations ?? 0;
  params[PARAM_CIRCUITY] = circuity;
  params[PARAM_SPEED_MPS] = speed;
  params[PARAM_NEIGHBOURS] = tuning.neighbours;
  params[PARAM_FLEET_SHARE] = opts.fleetShare ?? 0.4;
  params[PARAM_SEED] = opts.seed ?? 1;
  params[PARAM_T0] = tuning.t0;
  params[PARAM_TF] = tuning.tf;
  params[PARAM_AVG_REMOVED] = tuning.avgRemoved;
  params[PARAM_MAX_STRING] = tuning.maxString;
  params[PARAM_BLINK_RATE] = tuning.blinkRate;
  params[PARAM_SOFT_FIXED] = tuning.softFixed;
  params[PARAM_PRE_SHARE] = tuning.preShare;
  params[PARAM_SOFT_UNASSIGNED] = tuning.softUnassigned;
  params[PARAM_SOFT_CAPACITY] = tuning.softCapacity;
  params[PARAM_GRANULAR] = tuning.granular;
  params[PARAM_STOP_WHEN_CONVERGED] = opts.stopWhenConverged === false ? 0 : 1;
  params[PARAM_LOCAL_SEARCH] = tuning.localSearch;
  params[PARAM_BALANCE] = problem.balance ?? 0;
  params[PARAM_FLEET_TEMP] = tuning.fleetTemp;
  params[PARAM_FLEET_STALL] = tuning.fleetStall;
  params[PARAM_ROUTE_SPLIT] = tuning.routeSplit;
  params[PARAM_EXCHANGE] = tuning.exchange;
  params[PARAM_ROUTE_POOL] = recombineShare(problem, opts, roundsFor(problem, opts)) > 0 ? 1 : 0;
  return params;
}

/** Where a round starts from: an earlier output (its packed solution) and the T0 factor to anneal from. */
export interface WarmStart {
  out: Float64Array;
  t0: number;
}

/**
 * Same encoding with a different seed / time limit (for parallel workers), and optionally a start
 * from an earlier output of the same problem (the engine's output ends with its solution packed,
 * from the offset in header slot 6; assembly/index.ts).
 */
export function withRun(enc: Encoded, seed: number, timeLimitMs: number, warm?: WarmStart): Encoded {
  const params = new Float64Array(enc.params);
  params[PARAM_SEED] = seed;
  params[PARAM_TIME_LIMIT_MS] = timeLimitMs;
  if (!warm) return { ...enc, params };
  params[PARAM_START_T0] = warm.t0;
  return { ...enc, params, start: Int32Array.from(warm.out.subarray(warm.out[6] ?? warm.out.length)) };
}
