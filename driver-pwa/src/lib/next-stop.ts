/**
 * Where the driver is in the day: the next stop to do (the first delivery or pickup still
 * pending or arrived, in route order), the break or reload at the depot that comes before it, and
 * the progress. Breaks and reloads are never "to do": the driver takes them, nothing is recorded
 * (reaching the next stop puts them behind).
 */
import { type DriverStop, isVisit, type NumberedStop, visitNumbers } from '@tournee/shared';

/** A stop the driver still has to act on. */
export const isOpen = (s: Pick<DriverStop, 'kind' | 'status'>) =>
  isVisit(s.kind) && (s.status === 'pending' || s.status === 'arrived');

/**
 * The number shown on a stop: its place among the route's visits (the planner and the printed
 * sheet number the same way, so driver and dispatcher talk about the same "stop 4"); none on a
 * break, which does not shift the numbers after it.
 */
export const stopNumber = (stops: readonly NumberedStop[], s: NumberedStop): number | null =>
  visitNumbers(stops).get(s.seq) ?? null;

export interface DayPosition<S> {
  /** The next stop to do, or null when every stop is done. */
  next: S | null;
  /** A break planned between the last stop done and `next` (take it before going there). */
  breakBefore: S | null;
  /** A reload at the depot planned between the last stop done and `next` (go back to load first). */
  reloadBefore: S | null;
  /** Deliveries and pickups done (delivered, failed or skipped) out of all of them. */
  done: number;
  total: number;
}

export function dayPosition<S extends Pick<DriverStop, 'kind' | 'status' | 'seq'>>(
  stops: readonly S[],
): DayPosition<S> {
  const ordered = [...stops].sort((a, b) => a.seq - b.seq);
  const visits = ordered.filter((s) => isVisit(s.kind));
  const nextIndex = ordered.findIndex(isOpen);
  const next = nextIndex >= 0 ? ordered[nextIndex]! : null;
  let breakBefore: S | null = null;
  let reloadBefore: S | null = null;
  // Walking back from the next stop to the last one done: a break or a reload on the way is still
  // to take (once the driver is at the next stop, it is behind them).
  for (let i = next?.status === 'pending' ? nextIndex - 1 : -1; i >= 0; i--) {
    const s = ordered[i]!;
    if (s.kind === 'break') breakBefore ??= s;
    else if (s.kind === 'reload') reloadBefore ??= s;
    else break;
  }
  return {
    next,
    breakBefore,
    reloadBefore,
    done: visits.filter((s) => !isOpen(s)).length,
    total: visits.length,
  };
}

export type StopAction = 'arrived' | 'delivered' | 'failed' | 'skipped';

/**
 * The one big button of the next-stop screen: "Arrived" while the stop is pending, then
 * "Delivered" (which asks for the proof).
 */
export const mainAction = (s: Pick<DriverStop, 'status'>): StopAction =>
  s.status === 'pending' ? 'arrived' : 'delivered';
