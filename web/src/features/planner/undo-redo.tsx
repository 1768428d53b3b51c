import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { historyKey } from './edit-history.ts';
import type { useEdits } from './use-edits.ts';

/** Where Ctrl+Z belongs to the field being typed in, not to the routes. */
const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Undo and redo buttons for the day's edits, with the keyboard shortcuts Ctrl+Z and
 * Ctrl+Shift+Z (or Ctrl+Y; ⌘ on a Mac) anywhere on the page but in a text field.
 */
export function UndoRedo({ edits }: { edits: ReturnType<typeof useEdits> }) {
  const { t } = useI18n();
  const now = useRef(edits);
  now.current = edits;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = historyKey(e);
      // Not under an open dialog (the publish confirmation): the keys belong to it then.
      if (!action || isTextField(e.target) || document.querySelector('dialog[open], [role="dialog"]')) return;
      e.preventDefault();
      if (action === 'undo') now.current.undo();
      else now.current.redo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const { past, future } = edits.history;
  const undoRef = past.at(-1)?.ref;
  const redoRef = future.at(-1)?.ref;
  return (
    <span className="undo-redo">
      <button
        type="button"
        disabled={past.length === 0}
        aria-keyshortcuts="Control+Z"
        title={undoRef ? t('planner.undoTitle', { ref: undoRef }) : t('planner.undoNone')}
        onClick={edits.undo}
      >
        ↶ {t('planner.undo')}
        {past.length > 0 && <span className="count"> ({past.length})</span>}
      </button>
      <button
        type="button"
        disabled={future.length === 0}
        aria-keyshortcuts="Control+Shift+Z"
        title={redoRef ? t('planner.redoTitle', { ref: redoRef }) : t('planner.redoNone')}
        onClick={edits.redo}
      >
        ↷ {t('planner.redo')}
        {future.length > 0 && <span className="count"> ({future.length})</span>}
      </button>
    </span>
  );
}
