import type { Depot, Order, Page, PlannedRoute, PublishResult, RouteEtasEvent } from '@tournee/shared';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, query } from '../../api/client.ts';
import { onConnect } from '../../api/reconnect.ts';
import { dispatchSocket } from '../../api/socket.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { setData } from '../../map/layers.ts';
import { MapView } from '../../map/map-view.tsx';
import { routeColor } from '../../map/colors.ts';
import { StopNumberMarkers } from '../../map/stop-markers.ts';
import { AsyncState } from '../layout/async-state.tsx';
import { EditFeedback } from './edit-feedback.tsx';
import { withLiveEtas } from './live-etas.ts';
import { boundsOf, driverFeatures, orderFeatures, routeFeatures } from './map-features.ts';
import { PublishConfirm } from './publish-confirm.tsx';
import { RouteBoard } from './route-board.tsx';
import { StopActions } from './stop-actions.tsx';
import { UrgentInsert } from './urgent-insert.tsx';
import { Timeline } from './timeline.tsx';
import { useEdits } from './use-edits.ts';
import { useLiveDrivers } from './use-live-drivers.ts';

/** One day: the map beside the timeline and the routes' stop lists; edit, lock, publish. */
export function DayView(props: { date: string; depots: Depot[]; mapStyleUrl: string | null; onChanged(): void }) {
  const { t } = useI18n();
  const routes = useApi<{ routes: PlannedRoute[] }>(`/routes${query({ date: props.date })}`);
  const unplanned = useApi<Page<Order>>(
    `/orders${query({ from: props.date, to: props.date, status: 'imported', limit: 1000 })}`,
  );
  const [selected, setSelected] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [published, setPublished] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const map = useRef<MapLibreMap | null>(null);
  const depot = props.depots[0];
  const timeZone = depot?.timeZone ?? 'Europe/Paris';
  const { onChanged } = props;
  const reload = useCallback(() => {
    routes.reload();
    unplanned.reload();
    onChanged();
  }, [routes.reload, unplanned.reload, onChanged]);
  const edits = useEdits(reload);
  const drivers = useLiveDrivers(props.date);

  // Follow this day's room: another dispatcher's edit or a publication shows here at once.
  // After a reconnection the day is fetched again once the room is joined again: events sent
  // while the link (or Redis between servers) was down are not replayed.
  useEffect(() => {
    const socket = dispatchSocket();
    const join = (then?: () => void) => socket.emit('day:join', props.date, () => then?.());
    join();
    const stopConnect = onConnect(socket, (reconnected) =>
      join(
        reconnected
          ? () => {
              routes.reload();
              unplanned.reload();
            }
          : undefined,
      ),
    );
    const onChange = (e: { localDate: string }) => e.localDate === props.date && routes.reload();
    // ETAs come often: patched into the routes held, not reloaded.
    const onEtas = (e: RouteEtasEvent) =>
      e.localDate === props.date && routes.patch((d) => ({ routes: withLiveEtas(d.routes, e) }));
    socket.on('route:changed', onChange);
    socket.on('route:published', onChange);
    socket.on('stop:status', onChange);
    socket.on('route:etas', onEtas);
    return () => {
      socket.emit('day:leave', props.date, () => {});
      stopConnect();
      socket.off('route:changed', onChange);
      socket.off('route:published', onChange);
      socket.off('stop:status', onChange);
      socket.off('route:etas', onEtas);
    };
  }, [props.date, routes.reload, routes.patch, unplanned.reload]);

  const paint = useCallback(
    (m: MapLibreMap, fit: boolean) => {
      const list = routes.data?.routes ?? [];
      const { lines, stops } = routeFeatures(list);
      setData(m, 'routes', lines);
      setData(m, 'stops', stops);
      setData(m, 'unassigned', orderFeatures(unplanned.data?.items ?? []));
      const b = boundsOf(list);
      if (fit && b) m.fitBounds(b, { padding: 40, duration: 0 });
    },
    [routes.data, unplanned.data],
  );
  // Drivers move on their own clock: only their source is refreshed on each position.
  const paintDrivers = useCallback(
    (m: MapLibreMap) => {
      const list = routes.data?.routes ?? [];
      setData(m, 'drivers', driverFeatures(drivers, list));
    },
    [drivers, routes.data],
  );
  useEffect(() => {
    if (map.current) paintDrivers(map.current);
  }, [paintDrivers]);
  useEffect(() => {
    if (map.current) paint(map.current, false);
  }, [paint]);

  // Numbers on the selected route's stops.
  const numbers = useRef(new StopNumberMarkers());
  useEffect(() => {
    const list = routes.data?.routes ?? [];
    const index = list.findIndex((r) => r.id === selected);
    const m = map.current;
    if (!m || index < 0) return numbers.current.clear();
    numbers.current.show(
      m,
      list[index]!.stops.flatMap((s) =>
        s.location ? [{ seq: s.seq, coordinates: s.location.coordinates, color: routeColor(index) }] : [],
      ),
    );
  }, [selected, routes.data]);
  useEffect(() => () => numbers.current.clear(), []);

  async function publish() {
    setConfirming(false);
    const out = await api<PublishResult>('/dispatch/publish', {
      method: 'POST',
      body: JSON.stringify({ date: props.date }),
    });
    setPublished(t('planner.publishedText', { routes: out.routes.length, orders: out.orders }));
    reload();
  }

  const list = routes.data?.routes ?? [];
  return (
    <div className="day-view">
      <div className="day-toolbar">
        <h2>{new Date(`${props.date}T12:00:00Z`).toLocaleDateString(undefined, { dateStyle: 'full' })}</h2>
        <span>
          {t('planner.daySummary', {
            routes: list.filter((r) => r.stops.length).length,
            stops: list.reduce((n, r) => n + r.stops.filter((s) => s.kind !== 'break').length, 0),
            unplanned: unplanned.data?.total ?? 0,
          })}
        </span>
        <button type="button" disabled={list.length === 0} onClick={() => setConfirming(true)}>
          {t('planner.publish')}
        </button>
        {confirming && (
          <PublishConfirm date={props.date} onConfirm={() => void publish()} onCancel={() => setConfirming(false)} />
        )}
        {published && <span role="status">{published}</span>}
      </div>
      <EditFeedback edits={edits} routes={routes.data?.routes ?? []} />
      {picked && (
        <StopActions
          routes={list}
          stopId={picked}
          onEdit={(req, inverse) => void edits.send(req, inverse)}
          onClose={() => setPicked(null)}
        />
      )}
      <UrgentInsert date={props.date} orders={unplanned.data?.items ?? []} timeZone={timeZone} onDone={reload} />
      <div className="day-grid">
        <MapView
          styleUrl={props.mapStyleUrl}
          center={depot ? depot.location.coordinates : [4.84, 45.76]}
          label={t('planner.map')}
          onReady={(m) => {
            map.current = m;
            paint(m, true);
            paintDrivers(m);
          }}
        />
        <AsyncState loading={routes.loading} error={routes.error} onRetry={routes.reload}>
          {list.length === 0 ? (
            <p className="empty">{t('planner.noRoutes')}</p>
          ) : (
            <div>
              <Timeline
                routes={list}
                timeZone={timeZone}
                date={props.date}
                selected={selected}
                onSelect={setSelected}
                onEdit={(req, inverse) => void edits.send(req, inverse)}
              />
              <RouteBoard
                routes={list}
                timeZone={timeZone}
                date={props.date}
                selected={selected}
                onSelect={setSelected}
                onEdit={(req, inverse) => void edits.send(req, inverse)}
                onChanged={reload}
                pickedStop={picked}
                onPickStop={setPicked}
              />
            </div>
          )}
        </AsyncState>
      </div>
    </div>
  );
}
