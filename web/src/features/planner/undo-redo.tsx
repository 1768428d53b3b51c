import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { type EditStep, historyKey } from './edit-history.ts';
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
  return (
    <span className="undo-redo">
      <HistoryButton action="undo" steps={edits.history.past} onClick={edits.undo} />
      <HistoryButton action="redo" steps={edits.history.future} onClick={edits.redo} />
    </span>
  );
}

/** Each button's icon, and its shortcut as `aria-keyshortcuts` spells it. */
const LOOKS = {
  undo: { icon: '↶', keys: 'Control+Z' },
  redo: { icon: '↷', keys: 'Control+Shift+Z' },
} as const;

/** The undo or the redo button: how many steps it holds, and the order its next step changes. */
function HistoryButton(props: { action: 'undo' | 'redo'; steps: readonly EditStep[]; onClick(): void }) {
  const { t } = useI18n();
  const { action, steps } = props;
  const ref = steps.at(-1)?.ref;
  return (
    <button
      type="button"
      disabled={steps.length === 0}
      aria-keyshortcuts={LOOKS[action].keys}
      title={ref ? t(`planner.${action}Title`, { ref }) : t(`planner.${action}None`)}
      onClick={props.onClick}
    >
      {LOOKS[action].icon} {t(`planner.${action}`)}
      {steps.length > 0 && <span className="count"> ({steps.length})</span>}
    </button>
  );
}
