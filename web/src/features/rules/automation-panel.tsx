import { Fragment, type ReactNode, useState } from 'react';
import { useResourceList } from '../../api/use-resource-list.ts';
import { type TextKey, useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import './schedules.css';

/** One column of an automation list: its header, and an item's cell. */
export interface AutomationColumn<T> {
  head: TextKey;
  cell(item: T): ReactNode;
  /** The cell's class (`num` right-aligns a count). */
  className?: string;
}

/** How an item is switched off and back on (paused, disabled) without being deleted. */
export interface OnOffSwitch<T> {
  isOff(item: T): boolean;
  /** The PATCH body that switches an item off (`true`) or back on (`false`). */
  patch(off: boolean): object;
  /** The button's words for an item that is on, and for one that is off. */
  turnOff: TextKey;
  turnOn: TextKey;
}

/** What the add/edit form under the list is given. */
export interface AutomationFormSlot<T> {
  /** The item whose Edit button was pressed, else null (the form adds one). */
  editing: T | null;
  /** Reads the list again, the form staying as it is. */
  reload(): void;
  /** Leaves editing and reads the list again. */
  done(): void;
}

/**
 * A list of the automation screens (plan schedules, recurring orders): a titled section, the
 * items in a table whose off items are greyed, and, for those who may write, each row's Edit,
 * on/off and Delete buttons and a form to add an item or change the one being edited.
 */
export function AutomationPanel<T extends { id: string }>(props: {
  /**
   * The catalogue prefix of the panel's texts (`<area>.title`, `.intro`, `.empty`, `.edit`,
   * `.delete`) and of its heading's id (`<area>-title`).
   */
  area: 'recurring' | 'schedules';
  /** The API path of the list (`{ items }`); an item changes at `path/:id`. */
  path: string;
  columns: AutomationColumn<T>[];
  onOff: OnOffSwitch<T>;
  form(slot: AutomationFormSlot<T>): ReactNode;
}) {
  const { area, columns, onOff } = props;
  const { t } = useI18n();
  const canWrite = useCanWrite();
  const { list, update, remove } = useResourceList<T>(props.path);
  const [editing, setEditing] = useState<T | null>(null);
  const items = list.data?.items;
  const done = () => {
    setEditing(null);
    list.reload();
  };

  return (
    <section className="automation-panel" aria-labelledby={`${area}-title`}>
      <h2 id={`${area}-title`}>{t(`${area}.title`)}</h2>
      <p className="hint">{t(`${area}.intro`)}</p>
      {items && items.length === 0 && <p className="empty">{t(`${area}.empty`)}</p>}
      {items && items.length > 0 && (
        <table className="automation-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.head}>{t(c.head)}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} className={onOff.isOff(item) ? 'off' : ''}>
                {columns.map((c) => (
                  <td key={c.head} className={c.className}>
                    {c.cell(item)}
                  </td>
                ))}
                {canWrite && (
                  <td className="actions">
                    <button type="button" onClick={() => setEditing(item)}>
                      {t(`${area}.edit`)}
                    </button>
                    <button type="button" onClick={() => update(item, onOff.patch(!onOff.isOff(item)))}>
                      {t(onOff.isOff(item) ? onOff.turnOn : onOff.turnOff)}
                    </button>
                    <button type="button" className="danger" onClick={() => remove(item)}>
                      {t(`${area}.delete`)}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* Keyed by the item edited, so that the form starts again from that item's fields. */}
      {canWrite && <Fragment key={editing?.id ?? 'new'}>{props.form({ editing, reload: list.reload, done })}</Fragment>}
    </section>
  );
}
