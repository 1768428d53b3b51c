/**
 * IndexedDB on the phone: the outbox (every stop event, proof file and position, in the order
 * they happened, each with its own UUID and the device time) and the cached day.
 *
 * The outbox's rule: a thing is written here before anything else happens to it, and deleted
 * only when the server acked it (or refused it for good). The server de-duplicates by UUID, so
 * a send that is retried after a lost ack is applied once.
 */
import type { DriverDay, PositionPoint, ProofUpload, StopEventInput } from '@tournee/shared';

export type OutboxItem =
  | { seq?: number; kind: 'position'; point: PositionPoint }
  | { seq?: number; kind: 'event'; event: StopEventInput }
  | { seq?: number; kind: 'proof'; stopId: string; upload: ProofUpload };

const DB_NAME = 'tournee-driver';
let opened: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      db.createObjectStore('kv');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opened;
}

function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(store, mode);
        const req = fn(tx.objectStore(store));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

const listeners = new Set<() => void>();
/** Called after every change of the outbox (the UI shows how many are waiting). */
export function onOutboxChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
const changed = () => {
  for (const fn of listeners) fn();
};

/** Appends items, in order, in one transaction. */
export async function enqueue(...items: OutboxItem[]): Promise<void> {
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('outbox', 'readwrite');
    for (const i of items) tx.objectStore('outbox').add(i);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  changed();
}

/** The oldest `limit` items, in order. */
export function peek(limit: number): Promise<OutboxItem[]> {
  return run('outbox', 'readonly', (s) => s.getAll(undefined, limit) as IDBRequest<OutboxItem[]>);
}

export async function remove(seqs: number[]): Promise<void> {
  if (seqs.length === 0) return;
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('outbox', 'readwrite');
    for (const seq of seqs) tx.objectStore('outbox').delete(seq);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  changed();
}

export function countOutbox(): Promise<number> {
  return run('outbox', 'readonly', (s) => s.count());
}

export function saveDay(day: DriverDay): Promise<IDBValidKey> {
  return run('kv', 'readwrite', (s) => s.put(day, 'day'));
}

export function loadDay(): Promise<DriverDay | undefined> {
  return run('kv', 'readonly', (s) => s.get('day') as IDBRequest<DriverDay | undefined>);
}

export function clearAll(): Promise<void> {
  return Promise.all([run('kv', 'readwrite', (s) => s.clear()), run('outbox', 'readwrite', (s) => s.clear())]).then(
    changed,
  );
}
