import type { PlannedRoute } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import type { useEdits } from './use-edits.ts';
import { stopIndex, violationText } from './violation-text.ts';

/** What the server said of the last edit: refused with its violations (force or dismiss), or saved (undo and redo sit in the toolbar). */
export function EditFeedback({ edits, routes }: { edits: ReturnType<typeof useEdits>; routes: PlannedRoute[] }) {
  const { t } = useI18n();
  if (edits.refusal) {
    const stops = stopIndex(routes);
    return (
      <div role="alert" className="edit-feedback refused">
        <strong>{t('planner.refused')}</strong>
        <ul>
          {edits.refusal.violations.map((v) => (
            <li key={v.message}>{violationText(v, stops, t)}</li>
          ))}
        </ul>
        <button type="button" onClick={() => void edits.force()}>
          {t('planner.force')}
        </button>
        <button type="button" onClick={edits.dismiss}>
          {t('common.cancel')}
        </button>
      </div>
    );
  }
  if (edits.stale) {
    return (
      <p role="alert" className="error">
        {t('planner.undoStale')}
      </p>
    );
  }
  if (edits.error) {
    return (
      <p role="alert" className="error">
        {edits.error}
      </p>
    );
  }
  if (edits.last) {
    return (
      <div role="status" className="edit-feedback">
        {edits.last.violations.length
          ? t('planner.savedWithViolations', { n: edits.last.violations.length })
          : t('planner.saved')}
      </div>
    );
  }
  return null;
}
