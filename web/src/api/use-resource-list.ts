import { api } from './client.ts';
import { type ApiState, useApi } from './use-api.ts';

export interface ResourceList<T> {
  list: ApiState<{ items: T[] }>;
  /** PATCHes one item with `change`, then reads the list again. */
  update(item: T, change: object): Promise<void>;
  /** DELETEs one item, then reads the list again. */
  remove(item: T): Promise<void>;
}

/**
 * Saves a form's `body` to a collection at `path`: POSTs a new item when there is no `id`, PATCHes
 * `path/:id` when the form edits a saved one. Resolves with the item the server returns.
 */
export function saveResource<T>(path: string, id: string | null | undefined, body: unknown): Promise<T> {
  return api<T>(id ? `${path}/${id}` : path, { method: id ? 'PATCH' : 'POST', body: JSON.stringify(body) });
}

/** A list the API serves at `path` (`{ items }`), whose items change at `path/:id`. */
export function useResourceList<T extends { id: string }>(path: string): ResourceList<T> {
  const list = useApi<{ items: T[] }>(path);
  return {
    list,
    async update(item, change) {
      await api(`${path}/${item.id}`, { method: 'PATCH', body: JSON.stringify(change) });
      list.reload();
    },
    async remove(item) {
      await api(`${path}/${item.id}`, { method: 'DELETE' });
      list.reload();
    },
  };
}
