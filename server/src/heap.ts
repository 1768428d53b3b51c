/**
 * How far V8 lets the heap grow before a full garbage collection: 1.5× what survived the last
 * one, instead of V8's own factor (up to 4× while the program allocates fast). A 100,000-row
 * import allocates rows faster than they die young; with V8's factor the main thread's heap grew
 * to ~180 MB of mostly dead rows before each full collection, and that was the server's peak
 * RSS (303–319 MB; 194–201 MB with this, at the same speed: `pnpm --filter @tournee/server
 * bench:import`). Called first thing by the server's entry point (main.ts, and the benchmarks'
 * server, which must run as it does); V8 reads the setting at every full collection, so setting
 * it once at start is enough.
 */
import { setFlagsFromString } from 'node:v8';

const HEAP_GROWING_PERCENT = 50;

export function keepHeapSmall(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
