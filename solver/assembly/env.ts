/**
 * What the host gives the search. AssemblyScript imports a declared function from the module named
 * after its file, so these come from the host's `env` without an `@external` decorator.
 */
export declare function now(): f64;
export declare function progress(cost: f64, routes: i32, unassigned: i32, elapsedMs: f64): void;
export declare function shouldStop(): i32;
/**
 * Parallel searches of one problem share their best now and then (exchange.ts): `publishBest`
 * hands the host this search's best for exchange `round` (cost, and `len` i32 at `ptr`, see
 * state.ts packBest); `adoptBest` asks whether every search has published that round: −1 not yet,
 * 0 this one's is the best (or there is no other), 1 the host wrote a better one at `ptr`.
 */
export declare function publishBest(round: i32, cost: f64, ptr: usize, len: i32): void;
export declare function adoptBest(round: i32, ptr: usize, len: i32): i32;
