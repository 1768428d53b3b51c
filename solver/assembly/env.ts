/**
 * What the host gives the search. AssemblyScript imports a declared function from the module named
 * after its file, so these come from the host's `env` without an `@external` decorator.
 */
export declare function now(): f64;
export declare function progress(cost: f64, routes: i32, unassigned: i32, elapsedMs: f64): void;
export declare function shouldStop(): i32;
