/**
 * VROOM's placement of waiting: a route leaves its start later instead of waiting on the way
 * (before its first stop or break), as far as every step before the first wait stays inside its
 * window. Service starts after that wait are unchanged.
 */
import type { Step, TimeWindow } from '../types.ts';

/** Room to start later at a step: up to the end of the window its service start is in. */
export function lateRoom(start: number, windows: readonly TimeWindow[] | undefined): number {
  if (!windows) return Number.POSITIVE_INFINITY;
  for (const [s, e] of windows) if (start >= s - 1e-9 && start <= e + 1e-9) return Math.max(0, e - start);
  return 0;
}

/** Shifted copies of the steps (the same array when nothing moves). */
export function delayStart(steps: Step[], room: (s: Step) => number): Step[] {
  let shift = Number.POSITIVE_INFINITY;
  let upTo = -1;
  for (let k = 1; k < steps.length; k++) {
    const s = steps[k] as Step;
    if (s.waitingS > 0) {
      shift = Math.min(shift, s.waitingS);
      upTo = k;
      break;
    }
    shift = Math.min(shift, room(s));
  }
  if (upTo < 0 || !(shift > 0)) return steps;
  return steps.map((s, k) => {
    if (k < upTo)
      return { ...s, arrival: s.arrival + shift, serviceStart: s.serviceStart + shift, departure: s.departure + shift };
    if (k === upTo) return { ...s, arrival: s.arrival + shift, waitingS: s.waitingS - shift };
    return s;
  });
}
