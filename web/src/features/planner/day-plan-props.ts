import type { EditRequest, PlannedRoute } from '@tournee/shared';

/**
 * What the day view hands each of its pictures of the plan (the timeline and the route board):
 * the day's routes, which stop is selected, and where a drag-and-drop edit goes.
 */
export interface DayPlanProps {
  routes: PlannedRoute[];
  timeZone: string;
  date: string;
  selected: string | null;
  onSelect(id: string): void;
  onEdit(request: EditRequest, inverse: EditRequest): void;
}
