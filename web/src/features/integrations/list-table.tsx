import type { ReactNode } from 'react';
import type { ApiState } from '../../api/use-api.ts';
import { AsyncState } from '../layout/async-state.tsx';

/**
 * The list every Integrations tab shows (keys, webhooks, trackers, shops): loading and error
 * states, a sentence when there is nothing yet, else a table whose last column holds the actions.
 */
export function ListTable<T>(props: {
  list: ApiState<{ items: T[] }>;
  label: string;
  empty: string;
  headers: string[];
  row: (item: T) => ReactNode;
}) {
  const { list } = props;
  return (
    <AsyncState loading={list.loading} error={list.error} onRetry={list.reload}>
      {list.data?.items.length === 0 ? (
        <p className="empty">{props.empty}</p>
      ) : (
        <table className="integrations-table" aria-label={props.label}>
          <thead>
            <tr>
              {props.headers.map((h) => (
                <th key={h}>{h}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>{list.data?.items.map(props.row)}</tbody>
        </table>
      )}
    </AsyncState>
  );
}
