import { Fragment, type ReactNode, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { RowActions } from './row-actions.tsx';
import type { EditProps } from './simple-form.tsx';

/** One column of a fleet table; `header` is also its React key, so headers must differ. */
export interface Column<T> {
  header: string;
  cell(item: T): ReactNode;
}

/**
 * A fleet table (depots, vehicles or drivers) whose rows can be edited in the form below it
 * and deleted, the same way for every kind. The form is mounted again for each row edited and
 * after each save, so it starts from that row's values (or empty) without syncing state.
 */
export function FleetList<T extends { id: string; name: string }>(props: {
  /** The collection, such as `/vehicles`. */
  path: string;
  items: T[];
  columns: Column<T>[];
  /** The API takes `?force=true` on DELETE for this kind. */
  forceable: boolean;
  /** A row was saved, created or deleted: load the list again. */
  onChanged(): void;
  form(props: EditProps<T>): ReactNode;
  /** More actions of a row, before Edit and Delete (a driver's "Send access"). */
  rowActions?(item: T): ReactNode;
}) {
  const { t } = useI18n();
  const canWrite = useCanWrite();
  const [editing, setEditing] = useState<T | null>(null);
  const [saves, setSaves] = useState(0);
  const done = () => {
    setEditing(null);
    setSaves((n) => n + 1);
    props.onChanged();
  };

  return (
    <>
      <table className="orders">
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
            {canWrite && <th scope="col">{t('fleet.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr key={item.id} className={editing?.id === item.id ? 'editing' : undefined}>
              {props.columns.map((c) => (
                <td key={c.header}>{c.cell(item)}</td>
              ))}
              {canWrite && (
                <td>
                  {props.rowActions?.(item)}
                  <RowActions
                    name={item.name}
                    path={`${props.path}/${item.id}`}
                    forceable={props.forceable}
                    onEdit={() => setEditing(item)}
                    onDeleted={() => {
                      if (editing?.id === item.id) setEditing(null);
                      props.onChanged();
                    }}
                  />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {canWrite && (
        <Fragment key={editing ? `edit-${editing.id}` : `new-${saves}`}>
          {props.form({ editing, onSaved: done, onCancel: () => setEditing(null) })}
        </Fragment>
      )}
    </>
  );
}
