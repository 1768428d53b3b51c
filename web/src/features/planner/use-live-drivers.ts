import { type DriverPositionEvent, type LatestPosition, STALE_AFTER_S } from '@tournee/shared';
import { useEffect, useMemo, useState } from 'react';
import { api, query } from '../../api/client.ts';
import { onReconnect } from '../../api/reconnect.ts';
import { dispatchSocket } from '../../api/socket.ts';
import { headingOf } from '../../map/heading.ts';

export interface LiveDriver {
  driverId: string;
  routeId: string | null;
  coordinates: [number, number];
  deviceAt: string;
  stale: boolean;
  /** Degrees clockwise from north, for the arrow on the map; null when not known yet. */
  heading: number | null;
}

const isStale = (deviceAt: string, now: number) => now - Date.parse(deviceAt) > STALE_AFTER_S * 1000;

/**
 * The drivers' freshest positions on a day: loaded once (and again after every reconnection of
 * the socket, since positions sent while it was down are not replayed), then moved by
 * `driver:position` (only ever forward in device time), and marked stale after five silent minutes
 * by `now` (the day view's clock, which also marks late stops).
 */
export function useLiveDrivers(date: string, now: number): LiveDriver[] {
  const [drivers, setDrivers] = useState<Map<string, LiveDriver>>(new Map());

  useEffect(() => {
    let live = true;
    const load = () =>
      api<{ items: LatestPosition[] }>(`/tracking/latest${query({ date })}`).then(
        ({ items }) =>
          live &&
          setDrivers((current) => {
            const next = new Map(current);
            for (const p of items) {
              const known = next.get(p.driverId);
              if (known && Date.parse(known.deviceAt) >= Date.parse(p.deviceAt)) continue;
              next.set(p.driverId, {
                driverId: p.driverId,
                routeId: p.routeId,
                coordinates: p.location.coordinates,
                deviceAt: p.deviceAt,
                stale: false,
                heading: headingOf(p.headingDeg, known, p.location.coordinates),
              });
            }
            return next;
          }),
        () => {}, // positions are a bonus on this screen: the plan still shows without them
      );
    void load();
    const socket = dispatchSocket();
    const stopReconnect = onReconnect(socket, () => void load());
    const onPosition = (e: DriverPositionEvent) => {
      if (e.localDate !== date) return;
      setDrivers((current) => {
        const known = current.get(e.driverId);
        if (known && Date.parse(known.deviceAt) >= Date.parse(e.deviceAt)) return current;
        const next = new Map(current);
        next.set(e.driverId, {
          driverId: e.driverId,
          routeId: e.routeId,
          coordinates: e.location.coordinates,
          deviceAt: e.deviceAt,
          stale: false,
          heading: headingOf(e.headingDeg, known, e.location.coordinates),
        });
        return next;
      });
    };
    socket.on('driver:position', onPosition);
    return () => {
      live = false;
      socket.off('driver:position', onPosition);
      stopReconnect();
    };
  }, [date]);

  // The same list until a position or the clock moves: the map's drivers are not redrawn for nothing.
  return useMemo(() => [...drivers.values()].map((d) => ({ ...d, stale: isStale(d.deviceAt, now) })), [drivers, now]);
}
