import {
  type DayUnplannedOrder,
  type Depot,
  type EditRequest,
  type Order,
  type Page,
  type PlannedRoute,
  type PublishResult,
  type RouteEtasEvent,
  isVisit,
  serviceStartIso,
  visitNumbers,
} from '@tournee/shared';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { type RefObject, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, query } from '../../api/client.ts';
import { onConnect } from '../../api/reconnect.ts';
import { dispatchSocket } from '../../api/socket.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { boundsOfPoints } from '../../map/bounds.ts';
import { DepotMarkers } from '../../map/depot-markers.ts';
import { setData } from '../../map/layers.ts';
import { MapLegend } from '../../map/map-legend.tsx';
import { MapView } from '../../map/map-view.tsx';
import { routeColor } from '../../map/colors.ts';
import { StopNumberMarkers } from '../../map/stop-markers.ts';
import { StopPopup } from '../../map/stop-popup.ts';
import { AsyncState } from '../layout/async-state.tsx';
import { EditFeedback } from './edit-feedback.tsx';
import { withLiveEtas } from './live-etas.ts';
import { clock } from './dates.ts';
import { driverFeatures, orderFeatures, routeFeatures } from './map-features.ts';
import type { DayPlanProps } from './day-plan-props.ts';
import { RouteBoard } from './route-board.tsx';
import { StopActions } from './stop-actions.tsx';
import { UrgentInsert } from './urgent-insert.tsx';
import { pauseIcon } from './pause.ts';
import { Timeline } from './timeline.tsx';
import { useEdits } from './use-edits.ts';
import { UndoRedo } from './undo-redo.tsx';
import { DayUnplanned } from './unplanned-orders.tsx';
import { dayPaths } from './day-paths.ts';
import { formatDate } from '../../i18n/format.ts';
import { useLiveDrivers } from './use-live-drivers.ts';
import { useNow } from './use-now.ts';
import { PublishConfirm } from './publish-confirm.tsx';

/** Runs `paint` on the map, once there is one, whenever `paint` changes (what it draws did). */
function useRepaint(map: RefObject<MapLibreMap | null>, paint: (m: MapLibreMap) => void): void {
  useEffect(() => {
    if (map.current) paint(map.current);
  }, [map, paint]);
}

/** One day: the map beside the timeline and the routes' stop lists; edit, lock, publish. */
export function DayView(props: {
  date: string;
  depots: Depot[];
  mapStyleUrl: string | null;
  onChanged(): void;
  /** Bumped when orders changed elsewhere on the page: the day is fetched again. */
  refresh?: number;
}) {
  const { t, intl, locale } = useI18n();
  const canWrite = useCanWrite();
  const paths = dayPaths(props.date);
  const routes = useApi<{ routes: PlannedRoute[] }>(paths.routes);
  const unplanned = useApi<Page<Order>>(paths.unplanned);
  const reasons = useApi<{ items: DayUnplannedOrder[] }>(paths.reasons);
  const [selected, setSelected] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  // What was published, worded at each render (the language may switch after).
  const [published, setPublished] = useState<{ routes: number; orders: number } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const map = useRef<MapLibreMap | null>(null);
  const depot = props.depots[0];
  const timeZone = depot?.timeZone ?? 'Europe/Paris';
  const { onChanged } = props;
  const reload = useCallback(() => {
    routes.reload();
    unplanned.reload();
    reasons.reload();
    onChanged();
  }, [routes.reload, unplanned.reload, reasons.reload, onChanged]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is the trigger, not read
  useEffect(() => {
    if (props.refresh) {
      routes.reload();
      unplanned.reload();
      reasons.reload();
    }
  }, [props.refresh]);
  const edits = useEdits(props.date, routes.data?.routes ?? [], reload);
  // The timeline and the route board redraw only when what they show changes (2,000 stops take
  // a fifth of a second): not on a driver's position, the unplanned list, or an edit's feedback.
  const sendNow = useRef(edits.send);
  sendNow.current = edits.send;
  const onEdit = useCallback((request: EditRequest) => sendNow.current(request), []);
  const now = useNow(30_000);
  const drivers = useLiveDrivers(props.date, now);

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
              reasons.reload();
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
  }, [props.date, routes.reload, routes.patch, unplanned.reload, reasons.reload]);

  // The map opens on the whole day, once both its routes and unplanned orders are in.
  const dayBounds = useMemo(() => {
    if (!routes.data || !unplanned.data) return null;
    const box = boundsOfPoints([
      ...routes.data.routes.flatMap((r) => r.geometry?.coordinates ?? []),
      ...unplanned.data.items.map((o) => o.location.coordinates),
      ...props.depots.map((d) => d.location.coordinates),
    ]);
    // More room at the bottom: the legend sits over the map's lower left corner, below the
    // stops, whose popups open upwards and so never go under it.
    return box && { box, padding: { top: 40, right: 40, bottom: 170, left: 40 }, maxZoom: 15 };
  }, [routes.data, unplanned.data, props.depots]);
  // Each source is sent to the map's worker when its own data changes: the day's routes are not
  // cut into tiles again because the unplanned orders arrived after them.
  const paintRoutes = useCallback(
    (m: MapLibreMap) => {
      setData(m, 'plan', routeFeatures(routes.data?.routes ?? []));
    },
    [routes.data],
  );
  const paintUnplanned = useCallback(
    (m: MapLibreMap) => setData(m, 'unassigned', orderFeatures(unplanned.data?.items ?? [])),
    [unplanned.data],
  );
  // Drivers move on their own clock: only their source is refreshed on each position.
  const paintDrivers = useCallback(
    (m: MapLibreMap) => {
      const list = routes.data?.routes ?? [];
      setData(m, 'drivers', driverFeatures(drivers, list));
    },
    [drivers, routes.data],
  );
  const paint = (m: MapLibreMap) => {
    paintRoutes(m);
    paintUnplanned(m);
    paintDrivers(m);
  };
  useRepaint(map, paintRoutes);
  useRepaint(map, paintUnplanned);
  useRepaint(map, paintDrivers);

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
        s.location
          ? [
              {
                seq: visitNumbers(list[index]!.stops).get(s.seq) ?? pauseIcon(s.kind),
                coordinates: s.location.coordinates,
                color: routeColor(index),
              },
            ]
          : [],
      ),
    );
  }, [selected, routes.data]);
  useEffect(() => () => numbers.current.clear(), []);

  // A click on a stop: its order, window, planned service start and status, in the user's language.
  const popup = useRef(new StopPopup());
  const depotMarkers = useRef(new DepotMarkers());
  const routesNow = useRef<PlannedRoute[]>([]);
  routesNow.current = routes.data?.routes ?? [];
  const depotsNow = useRef<Depot[]>([]);
  depotsNow.current = props.depots;
  // The handler outlives renders: it reads the current language through a ref, not a stale `t`.
  const tNow = useRef(t);
  tNow.current = t;
  const clickable = useRef<MapLibreMap | null>(null);
  const listenStops = (m: MapLibreMap) => {
    if (clickable.current === m) return; // once per map, not again after a style switch
    clickable.current = m;
    m.on('click', 'stops-circle', (e) => {
      const id = e.features?.[0]?.properties?.stopId as string | undefined;
      const s = routesNow.current.flatMap((r) => r.stops).find((x) => x.id === id);
      if (!s?.location) return;
      const tr = tNow.current;
      if (!isVisit(s.kind)) {
        // A reload at the depot (a multi-trip vehicle): where, and from when to when.
        const route = routesNow.current.find((r) => r.stops.includes(s));
        const depot = depotsNow.current.find((d) => d.id === route?.depotId);
        const title = depot ? tr('planner.reloadPopup', { depot: depot.name }) : tr('planner.reload');
        popup.current.show(m, s.location.coordinates, `${pauseIcon(s.kind)} ${title}`, [
          [
            tr('map.popup.reloadTime'),
            `${clock(s.plannedArrivalAt, timeZone)}–${clock(s.plannedDepartureAt, timeZone)}`,
          ],
          [tr('map.popup.status'), tr(`map.stopStatus.${s.status}`)],
        ]);
        return;
      }
      const windows = s.timeWindows.map((w) => `${w.start}–${w.end}`).join(', ') || tr('map.popup.anyTime');
      const start = serviceStartIso({ ...s, localDate: props.date, timeZone });
      const route = routesNow.current.find((r) => r.stops.includes(s));
      const n = route ? visitNumbers(route.stops).get(s.seq) : undefined;
      popup.current.show(m, s.location.coordinates, `${n ?? s.seq}. ${s.name ?? s.ref ?? ''}`, [
        [tr('map.popup.order'), s.ref ?? '—'],
        [tr('map.popup.window'), windows],
        [tr('map.popup.planned'), clock(start, timeZone)],
        [tr('map.popup.status'), tr(`map.stopStatus.${s.status}`)],
      ]);
    });
    m.on('mouseenter', 'stops-circle', () => {
      m.getCanvas().style.cursor = 'pointer';
    });
    m.on('mouseleave', 'stops-circle', () => {
      m.getCanvas().style.cursor = '';
    });
  };
  useEffect(
    () => () => {
      popup.current.close();
      depotMarkers.current.clear();
    },
    [],
  );

  async function publish() {
    setConfirming(false);
    const out = await api<PublishResult>('/dispatch/publish', {
      method: 'POST',
      body: JSON.stringify({ date: props.date }),
    });
    setPublished({ routes: out.routes.length, orders: out.orders });
    reload();
  }

  const list = routes.data?.routes ?? [];
  // The timeline and the route board show the same routes and share the selection and the edits.
  const plan: DayPlanProps = {
    routes: list,
    timeZone,
    date: props.date,
    selected,
    onSelect: setSelected,
    onEdit,
  };
  return (
    <div className="day-view">
      <div className="day-toolbar">
        <h2>{formatDate(intl, props.date, { dateStyle: 'full' })}</h2>
        <span>
          {t('planner.daySummary', {
            routes: list.filter((r) => r.stops.length).length,
            stops: list.reduce((n, r) => n + r.stops.filter((s) => isVisit(s.kind)).length, 0),
            unplanned: unplanned.data?.total ?? 0,
          })}
        </span>
        {canWrite && <UndoRedo edits={edits} />}
        <a
          className="day-sheets"
          href={`/api/route-sheets${query({ date: props.date, lang: locale })}`}
          target="_blank"
          rel="noreferrer"
        >
          {t('planner.daySheets')}
        </a>
        {canWrite && (
          <button type="button" disabled={list.length === 0} onClick={() => setConfirming(true)}>
            {t('planner.publish')}
          </button>
        )}
        {confirming && (
          <PublishConfirm date={props.date} onConfirm={() => void publish()} onCancel={() => setConfirming(false)} />
        )}
        {published && <span role="status">{t('planner.publishedText', published)}</span>}
      </div>
      <EditFeedback edits={edits} routes={routes.data?.routes ?? []} />
      {canWrite && picked && (
        <StopActions routes={list} stopId={picked} onEdit={(req) => edits.send(req)} onClose={() => setPicked(null)} />
      )}
      {canWrite && (
        <UrgentInsert date={props.date} orders={unplanned.data?.items ?? []} timeZone={timeZone} onDone={reload} />
      )}
      <div className="day-grid">
        <MapView
          // The map opens on the day: fitted, with its routes and unplanned orders from its first frame.
          open={!routes.loading && !unplanned.loading}
          bounds={dayBounds}
          styleUrl={props.mapStyleUrl}
          center={depot ? depot.location.coordinates : [4.84, 45.76]}
          label={t('planner.map')}
          onReady={(m) => {
            map.current = m;
            paint(m);
            listenStops(m);
            depotMarkers.current.show(
              m,
              props.depots.map((d) => ({ name: d.name, coordinates: d.location.coordinates })),
            );
          }}
        >
          <MapLegend
            routes={list
              .map((r, i) => ({
                id: r.id,
                name: r.driverName ?? r.vehicleName,
                color: routeColor(i),
                n: r.stops.length,
              }))
              .filter((r) => r.n > 0)}
          />
        </MapView>
        <AsyncState loading={routes.loading} error={routes.error} onRetry={routes.reload}>
          {list.length === 0 ? (
            <p className="empty">{t('planner.noRoutes')}</p>
          ) : (
            <div>
              <Timeline {...plan} />
              <RouteBoard {...plan} now={now} onChanged={reload} pickedStop={picked} onPickStop={setPicked} />
            </div>
          )}
        </AsyncState>
      </div>
      <AsyncState loading={reasons.loading} error={reasons.error} onRetry={reasons.reload}>
        {reasons.data && <DayUnplanned date={props.date} items={reasons.data.items} onMoved={reload} />}
      </AsyncState>
    </div>
  );
}
