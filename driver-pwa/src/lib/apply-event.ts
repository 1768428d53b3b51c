/**
 * A stop event applied to the phone's copy of the day, the way the server applies it (see
 * server/src/tracking/stop-events.ts): used when the driver acts, and to replay the events still
 * in the outbox over a day fetched from the server (which has not seen them yet).
 */
import { type DriverDay, isVisit, type StopEventInput, type StopStatus } from '@tournee/shared';

const STATUS_OF: Record<StopEventInput['type'], StopStatus | null> = {
  started: null,
  arrived: 'arrived',
  delivered: 'delivered',
  failed: 'failed',
  skipped: 'skipped',
};

export function applyEvent(day: DriverDay, e: StopEventInput): DriverDay {
  const r = day.route;
  if (!r) return day;
  if (!r.stops.some((s) => s.id === e.stopId)) return day;
  const next = STATUS_OF[e.type];
  const stops = r.stops.map((s) =>
    s.id === e.stopId && next && !(next === 'arrived' && s.status !== 'pending') ? { ...s, status: next } : s,
  );
  // Breaks and reloads at the depot are no visits: left pending, they do not keep the route open.
  const left = stops.some((s) => isVisit(s.kind) && (s.status === 'pending' || s.status === 'arrived'));
  return {
    ...day,
    route: { ...r, stops, status: left ? 'in_progress' : 'done', startedAt: r.startedAt ?? e.deviceAt },
  };
}
