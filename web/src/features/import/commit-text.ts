import type { Translate } from '../../i18n/i18n.tsx';

/** What the commit button will do with a checked file, and whether it can do anything at all. */
export interface CommitPlan {
  label: string;
  /** False when nothing would be written (every row bad, or bad rows without "import the good rows"). */
  enabled: boolean;
}

/**
 * The commit button's words, stating the outcome before the click: "37 lignes seront importées,
 * 3 refusées"; "Rien ne sera importé tant que 3 lignes ont des problèmes" when the good rows are
 * not to be imported alone.
 */
export function commitPlan(t: Translate, rows: number, rejected: number, partial: boolean): CommitPlan {
  const good = rows - rejected;
  if (good <= 0) return { label: t('import.nothingToImport', { count: rows }), enabled: false };
  if (rejected === 0) return { label: t('import.willImport', { count: good }), enabled: true };
  if (!partial) return { label: t('import.allOrNothing', { count: rejected }), enabled: false };
  return {
    label: t('import.willImport', { count: good }) + t('import.willReject', { count: rejected }),
    enabled: true,
  };
}
