/**
 * The map of the day: MapLibre with streets when the style loads, else the SVG sketch (offline,
 * no style configured, no WebGL, or the style still not loaded after 5 s). The wrapper's
 * `data-map-state` (loading | map | sketch) says which, for tests and styling.
 */
import type { DriverRoute } from '@tournee/shared';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n.ts';
import type { RouteMap } from '../map/route-map.ts';
import { RouteSketch } from './route-sketch.tsx';

type State = 'loading' | 'map' | 'sketch';

export function DayMap({
  route,
  here,
  heading,
  styleUrl,
}: {
  route: DriverRoute;
  here: [number, number] | null;
  heading: number | null;
  /** MAP_STYLE_URL from /api/client-config; null (none, or not known yet) → the sketch. */
  styleUrl: string | null;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<RouteMap | null>(null);
  // The style that could not load (the sketch stays for it), and the one that did.
  const [failed, setFailed] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  const tryMap = !!styleUrl && failed !== styleUrl && navigator.onLine;
  const state: State = !tryMap ? 'sketch' : loaded === styleUrl ? 'map' : 'loading';
  const latest = useRef({ route, here, heading });
  latest.current = { route, here, heading };

  // The map is created once per style URL; the route and position are pushed to it below.
  useEffect(() => {
    if (!tryMap || !styleUrl || !box.current) return;
    let gone = false;
    const fallBack = () => {
      map.current?.remove();
      map.current = null;
      if (!gone) setFailed(styleUrl);
    };
    import('../map/route-map.ts')
      .then(({ createRouteMap }) => {
        if (gone || !box.current) return;
        const m = createRouteMap(box.current, {
          styleUrl,
          route: latest.current.route,
          depotLabel: latest.current.route.depot.name,
          onFallBack: fallBack,
          onLoaded: () => !gone && setLoaded(styleUrl),
        });
        map.current = m;
        m.update(latest.current.route, latest.current.here, latest.current.heading);
      })
      // No WebGL, or the chunk is not in the cache offline: the sketch does the job.
      .catch(fallBack);
    return () => {
      gone = true;
      map.current?.remove();
      map.current = null;
    };
  }, [tryMap, styleUrl]);

  useEffect(() => {
    map.current?.update(route, here, heading);
  }, [route, here, heading]);

  return (
    <div className="day-map" data-map-state={state}>
      {tryMap && <div ref={box} className="live-map" role="img" aria-label={t.map} />}
      {!tryMap && <RouteSketch route={route} here={here} heading={heading} label={t.map} />}
    </div>
  );
}
