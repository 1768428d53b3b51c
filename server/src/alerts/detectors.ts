/**
 * The alert detectors, as pure functions of what the server knows (no I/O, no clock): the
 * service feeds them positions, ETAs and sweep rows and turns their verdicts into alert rows.
 */
import { type AlertSettings, windowsOnDay } from '@tournee/shared';

/** A driver's recent fixes against the route line: how many in a row were too far. */
export interface OffRouteState {
  offCount: number;
  /** The last distances measured, newest last (at most `offRouteFixes`), for the alert's details. */
  lastM: number[];
}

export const freshOffRoute = (): OffRouteState => ({ offCount: 0, lastM: [] });

/**
 * One fix's step: `off` once `offRouteFixes` fixes in a row were farther than `offRouteM` from
 * the line, `on` as soon as one is back within it (the alert resolves), `pending` between.
 */
export function offRouteStep(
  state: OffRouteState,
  distanceM: number,
  s: Pick<AlertSettings, 'offRouteM' | 'offRouteFixes'>,
): { state: OffRouteState; verdict: 'off' | 'on' | 'pending' } {
  const lastM = [...state.lastM, distanceM].slice(-s.offRouteFixes);
  if (distanceM <= s.offRouteM) return { state: { offCount: 0, lastM }, verdict: 'on' };
  const offCount = state.offCount + 1;
  return { state: { offCount, lastM }, verdict: offCount >= s.offRouteFixes ? 'off' : 'pending' };
}

/**
 * The end of the window a stop is served in, as an instant: the first window (in the depot's zone,
 * see `windowsOnDay`) whose end is not past at the planned arrival, else the last. Null without
 * windows.
 */
export function windowEndAt(
  localDate: string,
  timeZone: string,
  windows: { start: string; end: string }[],
  plannedArrivalAt: number | null,
): number | null {
  const spans = windowsOnDay(localDate, windows, timeZone);
  if (spans.length === 0) return null;
  if (plannedArrivalAt === null) return spans.at(-1)!.endMs;
  const served = spans.find((w) => plannedArrivalAt <= w.endMs);
  return (served ?? spans.at(-1)!).endMs;
}

/** `late_risk`: the live ETA passes the window's end by more than `lateRiskMin`. */
export const isLateRisk = (etaAt: number, windowEnd: number, s: Pick<AlertSettings, 'lateRiskMin'>) =>
  etaAt > windowEnd + s.lateRiskMin * 60_000;

/** `stale_gps`: a started route whose driver sent no fix for `staleGpsMin` (or none since the start). */
export function isGpsStale(
  lastFixAt: number | null,
  startedAt: number | null,
  now: number,
  s: Pick<AlertSettings, 'staleGpsMin'>,
): boolean {
  const since = lastFixAt ?? startedAt;
  return since !== null && now - since > s.staleGpsMin * 60_000;
}

/** `route_not_started`: a published route still not started `notStartedMin` after its shift's start. */
export const isNotStarted = (shiftStartAt: number, now: number, s: Pick<AlertSettings, 'notStartedMin'>) =>
  now - shiftStartAt > s.notStartedMin * 60_000;

/**
 * `pod_missing`: the delivery (as received, ms) is more than `podGraceMin` old and proof is still
 * missing. Without a delivered event there is nothing a proof could be attached to: no alert.
 */
export const isProofOverdue = (deliveredAt: number | null, now: number, s: Pick<AlertSettings, 'podGraceMin'>) =>
  deliveredAt !== null && now - deliveredAt > s.podGraceMin * 60_000;
