/**
 * Undo/redo of dispatcher edits (pure). A step is kept as what it did to an order, not to a stop
 * id: taking a stop off its route and putting the order back creates a new stop, so the ids of
 * older steps would no longer exist. Each step is turned into a request against the routes as
 * they are when it is undone or redone.
 */
import type { EditRequest, PlannedRoute } from '@tournee/shared';

/** What an edit does, in terms of orders and routes. */
export type EditIntent =
  | { kind: 'move'; orderId: string; toRouteId: string; position: number }
  | { kind: 'unassign'; orderId: string }
  | { kind: 'assign'; orderId: string; routeId: string; position: number };

export interface EditStep {
  forward: EditIntent;
  inverse: EditIntent;
  /** The order's reference, to name the step on the buttons ("Undo move of A-104"). */
  ref: string;
  /** Saved despite broken rules: redoing it forces again. */
  forced: boolean;
}

export interface EditHistory {
  /** Oldest first; the last is undone next. */
  past: EditStep[];
  /** Undone steps; the last is redone next. */
  future: EditStep[];
}

/** How many steps are kept: enough for a morning's fiddling, bounded memory. */
export const HISTORY_LIMIT = 50;

export const emptyHistory: EditHistory = { past: [], future: [] };

const placeOf = (routes: PlannedRoute[], find: (s: PlannedRoute['stops'][number]) => boolean) => {
  for (const r of routes) {
    const index = r.stops.findIndex(find);
    if (index >= 0) return { route: r, index, stop: r.stops[index]! };
  }
  return null;
};

/**
 * The step an edit makes, read from the routes before it is sent; null for what cannot be
 * undone (a reorder, a stop without an order such as a break, a stop not found).
 */
export function stepOf(request: EditRequest, routes: PlannedRoute[]): EditStep | null {
  const forced = request.force;
  if (request.op === 'move' || request.op === 'unassign') {
    const at = placeOf(routes, (s) => s.id === request.stopId);
    if (!at?.stop.orderId) return null;
    const orderId = at.stop.orderId;
    const ref = at.stop.ref ?? '';
    return request.op === 'move'
      ? {
          forward: { kind: 'move', orderId, toRouteId: request.toRouteId, position: request.position },
          inverse: { kind: 'move', orderId, toRouteId: at.route.id, position: at.index },
          ref,
          forced,
        }
      : {
          forward: { kind: 'unassign', orderId },
          inverse: { kind: 'assign', orderId, routeId: at.route.id, position: at.index },
          ref,
          forced,
        };
  }
  if (request.op === 'assign') {
    return {
      forward: { kind: 'assign', orderId: request.orderId, routeId: request.routeId, position: request.position },
      inverse: { kind: 'unassign', orderId: request.orderId },
      ref: '',
      forced,
    };
  }
  return null;
}

/**
 * The request doing `intent` on the routes as they are now; null when the order's stop is no
 * longer where the intent needs it (another dispatcher moved it off the routes).
 */
export function requestOf(intent: EditIntent, routes: PlannedRoute[], force: boolean): EditRequest | null {
  if (intent.kind === 'assign') {
    return {
      op: 'assign',
      orderId: intent.orderId,
      routeId: intent.routeId,
      position: intent.position,
      force,
      dryRun: false,
    };
  }
  const at = placeOf(routes, (s) => s.orderId === intent.orderId);
  if (!at) return null;
  return intent.kind === 'move'
    ? { op: 'move', stopId: at.stop.id, toRouteId: intent.toRouteId, position: intent.position, force, dryRun: false }
    : { op: 'unassign', stopId: at.stop.id, force, dryRun: false };
}

/** After a new edit is saved: it can be undone; what was undone before can no longer be redone. */
export function recorded(h: EditHistory, step: EditStep): EditHistory {
  return { past: [...h.past, step].slice(-HISTORY_LIMIT), future: [] };
}

/** The step the next undo reverts (send its `inverse`), or null. */
export const nextUndo = (h: EditHistory): EditStep | null => h.past.at(-1) ?? null;
/** The step the next redo does again (send its `forward`), or null. */
export const nextRedo = (h: EditHistory): EditStep | null => h.future.at(-1) ?? null;

/** Once the undo was saved: the step moves to the redo stack. */
export function undone(h: EditHistory): EditHistory {
  const step = nextUndo(h);
  return step ? { past: h.past.slice(0, -1), future: [...h.future, step] } : h;
}

/** Once the redo was saved: the step is back on the undo stack. */
export function redone(h: EditHistory): EditHistory {
  const step = nextRedo(h);
  return step ? { past: [...h.past, step], future: h.future.slice(0, -1) } : h;
}

/** Ctrl+Z (⌘Z) undoes, Ctrl+Shift+Z and Ctrl+Y redo; null for any other key. */
export function historyKey(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}
