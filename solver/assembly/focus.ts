/**
 * The tasks a move changed the surroundings of: each task recreate placed, and the tasks on either
 * side of it and of each task the ruin took out. The light local-search pass can start from these
 * alone instead of from every task of the routes the move touched (local-search.ts, LS_FOCUSED).
 */
import { nTasks } from './instance';
import { nxt, prv } from './routes';

let seen = new StaticArray<i32>(0);
let stampNow: i32 = 1;
let list = new StaticArray<i32>(0);
export let focusCount: i32 = 0;

export function allocFocus(): void {
  seen = new StaticArray<i32>(nTasks);
  list = new StaticArray<i32>(nTasks);
  focusCount = 0;
}

/** Empties the list (a new move begins). */
export function resetFocus(): void {
  stampNow++;
  focusCount = 0;
}

// @inline
function mark(x: i32): void {
  if (x >= nTasks || unchecked(seen[x]) == stampNow) return;
  unchecked((seen[x] = stampNow));
  unchecked((list[focusCount++] = x));
}

/** Task x and the nodes on either side of it (call while x is still linked). */
export function markAround(x: i32): void {
  mark(unchecked(prv[x]));
  mark(x);
  mark(unchecked(nxt[x]));
}

export function focusTask(i: i32): i32 {
  return unchecked(list[i]);
}
