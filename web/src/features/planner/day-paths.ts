import { query } from '../../api/client.ts';

/** The requests that fill one day of the planner (DayView), also started ahead by the page. */
export function dayPaths(date: string): { routes: string; unplanned: string; reasons: string } {
  return {
    routes: `/routes${query({ date })}`,
    unplanned: `/orders${query({ from: date, to: date, status: 'imported', limit: 1000 })}`,
    // The same orders with the reason the latest plan gave and its figures, for the list under the map.
    reasons: `/planning/unplanned${query({ date })}`,
  };
}
