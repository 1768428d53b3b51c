/**
 * The time the scheduler reads. Every decision of the scheduler (which tick is due, which day is
 * "today" in a depot's zone) asks a Clock, never `Date.now()`, so tests drive it with a fake one.
 */
import { readFileSync } from 'node:fs';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set by hand, shared by the scheduler and the services of one in-process app. */
export interface FakeClock extends Clock {
  set(at: Date | string): void;
}

export function fakeClock(start: Date | string): FakeClock {
  let at = new Date(start);
  return {
    now: () => new Date(at),
    set: (to) => {
      at = new Date(to);
    },
  };
}

/**
 * TEST ONLY (config TEST_CLOCK_FILE): the time is the ISO instant written in `path`, read at each
 * call, so a test can move the clock of several server processes at once. Falls back to the
 * system clock while the file is missing or unreadable.
 */
export function fileClock(path: string): Clock {
  return {
    now() {
      try {
        const at = new Date(readFileSync(path, 'utf8').trim());
        return Number.isNaN(at.getTime()) ? new Date() : at;
      } catch {
        return new Date();
      }
    },
  };
}
