import type { EditRequest, EditResult, PlannedRoute, Violation } from '@tournee/shared';
import { useRef, useState } from 'react';
import { ApiRequestError, api, query } from '../../api/client.ts';
import {
  type EditHistory,
  type EditStep,
  emptyHistory,
  nextRedo,
  nextUndo,
  recorded,
  redone,
  requestOf,
  stepOf,
  undone,
} from './edit-history.ts';

export interface Refusal {
  request: EditRequest;
  violations: Violation[];
  message: string;
}

type Outcome = 'saved' | 'refused' | 'failed';

/**
 * Sends dispatcher edits. A refused edit (422) keeps its violations so the dispatcher can read
 * them and force it; every saved edit (forced ones and unassigns too) goes on the undo history
 * (edit-history.ts). Edits, undos and redos run one after another, so pressing Ctrl+Z three
 * times undoes three steps, each against the routes the previous one left.
 */
export function useEdits(date: string, routes: PlannedRoute[], onSaved: () => void) {
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [last, setLast] = useState<EditResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The last undo or redo found its order moved elsewhere (another dispatcher): the step was dropped. */
  const [stale, setStale] = useState(false);
  const [history, setHistoryState] = useState<EditHistory>(emptyHistory);
  // The queue and the history outlive renders: queued operations read the latest, not a stale copy.
  const historyNow = useRef(history);
  const setHistory = (change: (h: EditHistory) => EditHistory) => {
    historyNow.current = change(historyNow.current);
    setHistoryState(historyNow.current);
  };
  const routesNow = useRef(routes);
  routesNow.current = routes;
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const onSavedNow = useRef(onSaved);
  onSavedNow.current = onSaved;

  const enqueue = (job: () => Promise<void>) => {
    queue.current = queue.current.then(job, job);
  };

  async function post(request: EditRequest): Promise<Outcome> {
    setError(null);
    setStale(false);
    try {
      const result = await api<EditResult>('/dispatch/edits', { method: 'POST', body: JSON.stringify(request) });
      setRefusal(null);
      setLast(result);
      onSavedNow.current();
      return 'saved';
    } catch (e) {
      const refused =
        e instanceof ApiRequestError && e.status === 422 ? (e.details as { violations?: Violation[] }) : null;
      if (refused?.violations) {
        setRefusal({ request, violations: refused.violations, message: (e as Error).message });
        return 'refused';
      }
      setError((e as Error).message);
      return 'failed';
    }
  }

  /** The day's routes as the server has them now: an undo right after another must see its result. */
  const freshRoutes = async () => (await api<{ routes: PlannedRoute[] }>(`/routes${query({ date })}`)).routes;

  const send = (request: EditRequest, _inverse?: EditRequest | null) =>
    enqueue(async () => {
      const step = stepOf(request, routesNow.current);
      if ((await post(request)) === 'saved' && step) setHistory((h) => recorded(h, step));
    });

  /** Undoes or redoes one step; what was true then may break rules now, so it is forced. */
  const replay = (which: 'undo' | 'redo') =>
    enqueue(async () => {
      const h = historyNow.current;
      const step: EditStep | null = which === 'undo' ? nextUndo(h) : nextRedo(h);
      if (!step) return;
      const request = requestOf(which === 'undo' ? step.inverse : step.forward, await freshRoutes(), true);
      if (!request) {
        // The order left the routes another way (another dispatcher): this step cannot be replayed.
        setHistory((x) =>
          which === 'undo' ? { ...x, past: x.past.slice(0, -1) } : { ...x, future: x.future.slice(0, -1) },
        );
        setStale(true);
        return;
      }
      if ((await post(request)) === 'saved') setHistory(which === 'undo' ? undone : redone);
    });

  return {
    refusal,
    last,
    error,
    stale,
    history,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    send,
    force: () => refusal && send({ ...refusal.request, force: true }),
    dismiss: () => setRefusal(null),
    undo: () => replay('undo'),
    redo: () => replay('redo'),
  };
}
