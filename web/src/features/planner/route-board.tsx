import { isVisit, type PlannedRoute, type RouteStop, serviceStartIso, visitNumbers } from '@tournee/shared';
import { type DragEvent, memo, useMemo, useState } from 'react';
import { api, query } from '../../api/client.ts';
import { routeColor } from '../../map/colors.ts';
import { formatDistance } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { clock } from './dates.ts';
import { driftMin, formatDrift, isLate } from './drift.ts';
import { pauseIcon } from './pause.ts';
import { canDrag, moveEdits, type StopDrag } from './stop-drag.ts';
import type { DayPlanProps } from './day-plan-props.ts';
import { stopIndex, violationText } from './violation-text.ts';

/**
 * When the stop's work starts (shared/src/stop-times.ts, as the route sheet, the driver app and the
 * customer's messages say): never before its window opens, nor before arrival plus the plan's waiting.
 */
const startOf = (s: RouteStop, localDate: string, timeZone: string) => serviceStartIso({ ...s, localDate, timeZone });

/**
 * The day's routes as lists of stops. Drag a stop onto another stop (it goes before it) or onto
 * a route (it goes last); the server recomputes the times and says what the move breaks.
 */
export const RouteBoard = memo(function RouteBoard(
  props: DayPlanProps & {
    /** The time now, on the day view's beat: which routes run late and by how much. */
    now: number;
    onChanged(): void;
    /** The stop picked for the keyboard move form. */
    pickedStop: string | null;
    onPickStop(id: string): void;
  },
) {
  const { t, intl, locale } = useI18n();
  const canWrite = useCanWrite();
  const [drag, setDrag] = useState<StopDrag | null>(null);
  const stops = useMemo(() => stopIndex(props.routes), [props.routes]);
  const { now } = props;

  function drop(e: DragEvent, toRouteId: string, position: number) {
    e.preventDefault();
    e.stopPropagation();
    if (!drag) return;
    setDrag(null);
    const edits = moveEdits(drag, toRouteId, position);
    if (edits) props.onEdit(...edits);
  }

  async function lock(route: PlannedRoute) {
    await api(`/routes/${route.id}/lock`, { method: 'POST', body: JSON.stringify({ locked: !route.locked }) });
    props.onChanged();
  }

  const allow = (e: DragEvent) => drag && e.preventDefault();
  const stopLabel = (s: RouteStop) =>
    s.kind === 'break' ? t('planner.break') : s.kind === 'reload' ? t('planner.reload') : `${s.ref} · ${s.name ?? ''}`;

  return (
    <div className="route-board">
      {props.routes.map((r, i) => {
        const numbers = visitNumbers(r.stops);
        const withPickup = new Set(r.stops.filter((x) => x.kind === 'pickup').map((x) => x.orderId));
        return (
          <section
            key={r.id}
            className={`route-card${r.id === props.selected ? ' selected' : ''}${isLate(r, now) ? ' late' : ''}`}
            aria-label={t('planner.routeOf', { vehicle: r.vehicleName })}
            onDragOver={allow}
            onDrop={(e) => drop(e, r.id, r.stops.length)}
            data-route-id={r.id}
          >
            <header style={{ borderTopColor: routeColor(i) }}>
              <button type="button" className="link" onClick={() => props.onSelect(r.id)}>
                <strong>{r.vehicleName}</strong> {r.driverName && <span>· {r.driverName}</span>}
              </button>
              <span className="route-meta">
                {t('planner.stopCount', { count: r.stops.filter((s) => isVisit(s.kind)).length })} ·{' '}
                {formatDistance(intl, r.distanceM / 1000)} · {clock(r.startAt, props.timeZone)}–
                {clock(r.endAt, props.timeZone)}
                {r.status !== 'planned' && (
                  <span className="status status-dispatched"> {t(`planner.routeStatus.${r.status}`)}</span>
                )}
              </span>
              {canWrite && (
                <button type="button" aria-pressed={r.locked} onClick={() => void lock(r)}>
                  {r.locked ? t('planner.unlock') : t('planner.lock')}
                </button>
              )}
              {r.driverId && (
                <a
                  href={`/api/route-sheets${query({ date: props.date, driverId: r.driverId, format: 'html', lang: locale })}`}
                  target="_blank"
                  rel="noreferrer"
                >
                  {t('planner.sheet')}
                </a>
              )}
            </header>
            {r.violations.length > 0 && (
              <ul className="violations">
                {r.violations.map((v) => (
                  <li key={v.message}>{violationText(v, stops, t)}</li>
                ))}
              </ul>
            )}
            <ol className="stops">
              {r.stops.map((s, index) => (
                <li
                  key={s.id}
                  className={`stop ${s.kind}${s.violations.length ? ' violated' : ''}`}
                  draggable={canWrite && canDrag(r, s)}
                  onDragStart={() => setDrag({ stopId: s.id, fromRouteId: r.id, fromIndex: index })}
                  onDragEnd={() => setDrag(null)}
                  onDragOver={allow}
                  onDrop={(e) => drop(e, r.id, index)}
                  data-stop-id={s.id}
                >
                  <span className="seq">{numbers.get(s.seq) ?? pauseIcon(s.kind)}</span>
                  {!isVisit(s.kind) ? (
                    <span className="what">{stopLabel(s)}</span>
                  ) : !canWrite ? (
                    // A viewer reads the stop; picking it would only open the edit actions.
                    <span className="what">{stopLabel(s)}</span>
                  ) : (
                    <button
                      type="button"
                      className="link what"
                      aria-pressed={props.pickedStop === s.id}
                      disabled={r.locked || s.locked}
                      onClick={() => props.onPickStop(s.id)}
                    >
                      {/* The two stops of a pickup and delivery order say which is which. */}
                      {withPickup.has(s.orderId) && (
                        <span className={`stop-kind ${s.kind}`}>
                          {t(s.kind === 'pickup' ? 'planner.stopKind.pickup' : 'planner.stopKind.delivery')}
                        </span>
                      )}
                      {stopLabel(s)}
                    </button>
                  )}
                  <span className="when">
                    {clock(startOf(s, props.date, props.timeZone), props.timeZone)}
                    <StopProgress stop={s} drift={driftMin(s, r.status, now)} />
                  </span>
                  {s.violations.map((v) => (
                    <span key={v.message} className="error">
                      {violationText(v, stops, t)}
                    </span>
                  ))}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
});

/** Done or failed marks and the drift from the plan, so dispatchers see a day slipping. */
function StopProgress({ stop, drift }: { stop: RouteStop; drift: number | null }) {
  const { t } = useI18n();
  return (
    <>
      {stop.status !== 'pending' && (
        <span className={`stop-status ${stop.status}`}>
          {' '}
          {stop.kind === 'pickup' && stop.status === 'delivered'
            ? t('planner.pickedUp')
            : t(`planner.stopStatus.${stop.status}`)}
        </span>
      )}
      {drift !== null && Math.abs(drift) >= 1 && (
        <span className={`drift${drift >= 15 ? ' late' : ''}`}> {formatDrift(drift)}</span>
      )}
    </>
  );
}
