/**
 * The WebAssembly ABI by name: input array ids (`inputPtr(id)`), the fields of the per-task and
 * per-vehicle input arrays, task kinds and the slots of the params array. Shared by the TypeScript
 * driver (`encode.ts`, `engine.ts`) and the engine (`assembly/*`), so the two sides cannot disagree
 * on a number. Plain numeric constants only: AssemblyScript compiles this file too, an integer
 * literal as i32 and one with a fraction or an exponent (1e12, 1e-9) as f64.
 */

// Input arrays (layouts in assembly/index.ts).
export const IN_DURATIONS = 0;
export const IN_DISTANCES = 1;
export const IN_COORDS = 2;
export const IN_TASK_F = 3;
export const IN_TASK_START_LOAD = 4;
export const IN_TASK_DELTA = 5;
export const IN_TIME_WINDOWS = 6;
export const IN_VEH_F = 7;
export const IN_VEH_CAP = 8;
export const IN_TASK_I = 9;
export const IN_VEH_I = 10;
export const IN_TASK_SKILL = 11;
export const IN_VEH_SKILL = 12;
export const IN_PARAMS = 13;
/** A solution to start from (packed as assembly/state.ts packBest), read when PARAM_START_T0 > 0. */
export const IN_START = 14;
/** The f64 inputs that come straight from the problem (ids 0 … 8). */
export const IN_F64_COUNT = 9;

// Fields of one task in IN_TASK_F (f64): the task's record starts at task × TASK_F_STRIDE.
export const TASK_F_SERVICE = 0;
export const TASK_F_SETUP = 1;
/** The price of leaving the task unassigned. */
export const TASK_F_PENALTY = 2;
/** The summed width of its time windows (an open end counted up to TW_WIDTH_CAP). */
export const TASK_F_TW_WIDTH = 3;
/** Where an open-ended window's width stops counting (s): it only orders tasks narrowest first. */
export const TW_WIDTH_CAP = 1e12;
export const TASK_F_STRIDE = 4;

// Fields of one task in IN_TASK_I (i32).
/** Its location (-1 for a break: it happens wherever the vehicle is). */
export const TASK_I_LOC = 0;
/** Its first window in IN_TIME_WINDOWS (windows are [start, end] pairs, sorted and disjoint). */
export const TASK_I_TW_OFFSET = 1;
export const TASK_I_TW_COUNT = 2;
/** One of the KIND_* below. */
export const TASK_I_KIND = 3;
/** A shipment's partner task (the delivery of a pickup and back); a break's or reload's vehicle. */
export const TASK_I_PAIR = 4;
export const TASK_I_STRIDE = 5;

// Task kinds. Breaks and reloads (kind ≥ KIND_BREAK) are bound to one vehicle.
export const KIND_JOB = 0;
export const KIND_PICKUP = 1;
export const KIND_DELIVERY = 2;
export const KIND_BREAK = 3;
/** A reload at the vehicle's start (multi-trip); its setup is the reload time. */
export const KIND_RELOAD = 4;

// Fields of one vehicle in IN_VEH_F (f64).
export const VEH_F_TW_START = 0;
export const VEH_F_TW_END = 1;
export const VEH_F_MAX_TRAVEL = 2;
export const VEH_F_MAX_DIST = 3;
export const VEH_F_FIXED = 4;
export const VEH_F_PER_SEC = 5;
/** Cost per distance unit. */
export const VEH_F_PER_M = 6;
export const VEH_F_SPEED_FACTOR = 7;
/** The longest driving between breaks (∞ none). */
export const VEH_F_MAX_DRIVING = 8;
export const VEH_F_RELOAD = 9;
/** The max work of its work group k (k < VEH_GROUPS) is at VEH_F_GROUP_MAX + k. */
export const VEH_F_GROUP_MAX = 10;
/** The shortest break that ends a driving period. */
export const VEH_F_DRIVING_BREAK = 12;
export const VEH_F_STRIDE = 13;

// Fields of one vehicle in IN_VEH_I (i32).
/** Its start location (-1 none). */
export const VEH_I_START_LOC = 0;
/** Its end location (-1 none: an open route). */
export const VEH_I_END_LOC = 1;
/** Max stops (-1 none). */
export const VEH_I_MAX_STOPS = 2;
/** Its matrix profile (0 … profiles − 1). */
export const VEH_I_PROFILE = 3;
/** Its work group k (k < VEH_GROUPS; -1 none) is at VEH_I_GROUP + k. */
export const VEH_I_GROUP = 4;
export const VEH_I_STRIDE = 6;
/** Work-limit groups one vehicle can belong to. */
export const VEH_GROUPS = 2;

/**
 * A travel time at or above this is "no road": the arc can never be used. The driver writes it
 * for each missing arc of a matrix (durations and distances). An f64 in the engine.
 */
export const UNREACHABLE = 1e12;

// Params (f64): run settings and search tuning (`Tuning` in types.ts says what each does).
export const PARAM_TIME_LIMIT_MS = 0;
export const PARAM_MAX_ITERATIONS = 1;
export const PARAM_CIRCUITY = 2;
export const PARAM_SPEED_MPS = 3;
export const PARAM_NEIGHBOURS = 4;
export const PARAM_FLEET_SHARE = 5;
export const PARAM_SEED = 6;
export const PARAM_T0 = 7;
export const PARAM_TF = 8;
export const PARAM_AVG_REMOVED = 9;
export const PARAM_MAX_STRING = 10;
export const PARAM_BLINK_RATE = 11;
export const PARAM_SOFT_FIXED = 12;
export const PARAM_PRE_SHARE = 13;
export const PARAM_SOFT_UNASSIGNED = 14;
export const PARAM_GRANULAR = 15;
export const PARAM_STOP_WHEN_CONVERGED = 16;
export const PARAM_LOCAL_SEARCH = 17;
/** Balanced workloads (Problem.balance): weight of the per-route work² term, 0 = off. */
export const PARAM_BALANCE = 18;
/** Fleet phase: temperature (near-arc costs) of a distance test on moves that place no more tasks (−1 off, 0 auto). */
export const PARAM_FLEET_TEMP = 19;
/** Mixed fleets: share of the iterations that split a route into two vans (−1 off, 0 auto). */
export const PARAM_ROUTE_SPLIT = 20;
/** Parallel searches: share of the final annealing between exchanges of their best (−1 off, 0 auto). */
export const PARAM_EXCHANGE = 21;
/** Fleet phase: it ends once no route has gone for this many times its longest wait so far (−1 off, 0 auto). */
export const PARAM_FLEET_STALL = 22;
/** Start from the solution at IN_START (skipping construction and the fleet phase) and anneal from this T0 factor; 0 = a fresh start. */
export const PARAM_START_T0 = 23;
/** Final annealing: start price, in near-arc costs, of a mean job's load over a van's capacity (0 = hard capacity). */
export const PARAM_SOFT_CAPACITY = 24;
/** Keep every best's routes and output them (assembly/route-pool.ts), for recombination (1) or not (0). */
export const PARAM_ROUTE_POOL = 25;
export const PARAMS_LEN = 26;

/**
 * A new best must beat the old by this share of its cost: the same solution's cost summed again
 * can differ in its last bits (about 1e-9 at a cost of 85,000). The engine's test for a new best
 * (search.ts) and the host's choice among the searches' outputs (searches.ts) share it.
 */
export const BEST_MARGIN = 1e-9;

/**
 * Problems made only of shipments from this many tasks on (Li & Lim 400's size, about 420 tasks;
 * Li & Lim 200, about 210, was not helped) are searched in rounds (searches.ts) and, on short
 * routes, cool further at the end (search.ts).
 */
export const LARGE_SHIPMENT_TASKS = 300;

/**
 * Tasks per route that make a problem of shipments one of long routes (LRC2_4_2 has about 42,
 * LC1_4_2 11, LR1_4_2 14): with short routes the host runs fewer rounds (searches.ts) and the
 * final annealing cools further (search.ts).
 */
export const LONG_ROUTE_TASKS = 25;
