import type { PlanProgress } from '@tournee/shared';
import type { Translate } from '../../i18n/i18n.tsx';

/**
 * The live line under the progress bar. Before the solver's first solution its counts mean
 * nothing (nothing is assigned yet, whatever the event says): it says it is searching.
 */
export function progressText(last: PlanProgress | undefined, t: Translate): string {
  if (!last || last.bestCost === null) return t('planner.searching');
  return t('planner.progressText', { assigned: last.assigned, unassigned: last.unassigned });
}
