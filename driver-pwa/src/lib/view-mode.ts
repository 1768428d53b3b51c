/** The driver's choice between the whole list and the next stop alone, kept on the phone. */
export type ViewMode = 'list' | 'next';

const KEY = 'tournee.driver.view';

export function savedViewMode(storage: Pick<Storage, 'getItem'> = localStorage): ViewMode {
  return storage.getItem(KEY) === 'next' ? 'next' : 'list';
}

export function saveViewMode(mode: ViewMode, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(KEY, mode);
}
