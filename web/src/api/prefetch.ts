import { api } from './client.ts';

/** A prefetched GET older than this is dropped rather than shown (its page never came). */
const FRESH_MS = 10_000;

const waiting = new Map<string, { at: number; answer: Promise<unknown> }>();

/**
 * Starts a GET now, for a component that mounts later (after another request it waits for) to
 * take with `takePrefetched`: the requests then run side by side instead of one after the other.
 */
export function prefetch(path: string): void {
  if (waiting.has(path)) return;
  const answer = api(path);
  answer.catch(() => {}); // read (and reported) by whoever takes it
  waiting.set(path, { at: Date.now(), answer });
}

/** The GET of `path` started by `prefetch`, once and while fresh; null otherwise. */
export function takePrefetched<T>(path: string): Promise<T> | null {
  const p = waiting.get(path);
  if (!p) return null;
  waiting.delete(path);
  return Date.now() - p.at <= FRESH_MS ? (p.answer as Promise<T>) : null;
}
