/**
 * Positions while the route is started: `watchPosition` feeds the outbox, and the screen is kept
 * on with a Wake Lock where the browser offers one.
 *
 * Battery-friendly defaults: a fix is kept when it is 15 s after the last one kept or 30 m away
 * from it (a parked van costs 4 points a minute, a moving one about one per 15 s); fixes worse
 * than 100 m are not even queued (the server would drop them); the outbox is sent at most every
 * 10 s for positions (stop events go at once), so the radio wakes up rarely.
 */
import { greatCircleM } from '@tournee/shared';
import { enqueue } from '../outbox/store.ts';

export const MIN_INTERVAL_MS = 15_000;
export const MIN_DISTANCE_M = 30;
export const MAX_ACCURACY_M = 100;
export const SEND_EVERY_MS = 10_000;

export interface Tracker {
  stop(): void;
}

export function startTracking(
  onQueued: () => void,
  onFix?: (lonLat: [number, number], headingDeg: number | null) => void,
): Tracker {
  let last: { t: number; at: [number, number] } | null = null;
  let lastKick = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;
  /**
   * Sends now, or once SEND_EVERY_MS has passed since the last send: a fix queued just after a
   * send must not wait for the next fix (a parked van may not give one for minutes).
   */
  const send = () => {
    const wait = lastKick + SEND_EVERY_MS - Date.now();
    if (wait <= 0) {
      lastKick = Date.now();
      onQueued();
    } else if (!pending) {
      pending = setTimeout(() => {
        pending = null;
        send();
      }, wait);
    }
  };
  let lock: { release(): Promise<void> } | null = null;
  const wakeLock = (
    navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } }
  ).wakeLock;
  const acquire = () => {
    if (document.visibilityState !== 'visible' || !wakeLock) return;
    wakeLock.request('screen').then(
      (l) => (lock = l),
      () => {},
    );
  };
  acquire();
  // The browser releases the lock when the page is hidden: take it again on return.
  document.addEventListener('visibilitychange', acquire);

  const watch = navigator.geolocation?.watchPosition(
    (pos) => {
      const at: [number, number] = [pos.coords.longitude, pos.coords.latitude];
      const heading = pos.coords.heading;
      onFix?.(at, heading != null && Number.isFinite(heading) ? heading : null);
      if (pos.coords.accuracy > MAX_ACCURACY_M) return;
      const t = pos.timestamp || Date.now();
      if (last && t - last.t < MIN_INTERVAL_MS && greatCircleM(last.at, at) < MIN_DISTANCE_M) return;
      last = { t, at };
      void enqueue({
        kind: 'position',
        point: {
          id: crypto.randomUUID(),
          deviceAt: new Date(t).toISOString(),
          coordinates: at,
          accuracyM: pos.coords.accuracy,
          speedMps: pos.coords.speed ?? null,
          headingDeg: pos.coords.heading != null && Number.isFinite(pos.coords.heading) ? pos.coords.heading : null,
        },
      }).then(send);
    },
    () => {},
    { enableHighAccuracy: true, maximumAge: 5_000, timeout: 60_000 },
  );

  return {
    stop() {
      if (pending) clearTimeout(pending);
      if (watch !== undefined) navigator.geolocation.clearWatch(watch);
      document.removeEventListener('visibilitychange', acquire);
      void lock?.release().catch(() => {});
    },
  };
}
