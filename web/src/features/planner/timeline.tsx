import {
  isVisit,
  localToUtc,
  type PlannedRoute,
  serviceStartIso,
  type TimeWindow,
  visitNumbers,
} from '@tournee/shared';
import { pauseIcon } from './pause.ts';
import { type DragEvent, Fragment, memo, useState } from 'react';
import { routeColor } from '../../map/colors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { clock } from './dates.ts';
import { canDrag, moveEdits, positionAt, type StopDrag } from './stop-drag.ts';
import type { DayPlanProps } from './day-plan-props.ts';

const ms = (iso: string | null) => (iso ? Date.parse(iso) : Number.NaN);

/**
 * One row per route, drawn to scale over the day: travel as a thin line, waiting hatched,
 * service and breaks as blocks, the stops' time windows as faint bands behind them. A stop's
 * block can be dragged onto any row: it goes where the drop falls in time.
 */
export const Timeline = memo(function Timeline(props: DayPlanProps) {
  const { t } = useI18n();
  const canWrite = useCanWrite();
  const [drag, setDrag] = useState<StopDrag | null>(null);
  const used = props.routes.filter((r) => r.startAt && r.endAt);
  if (used.length === 0) return null;
  const t0 = Math.min(...used.map((r) => ms(r.startAt)));
  const t1 = Math.max(...used.map((r) => ms(r.endAt)));
  const pct = (v: number) => `${(((v - t0) / (t1 - t0 || 1)) * 100).toFixed(3)}%`;
  const width = (a: number, b: number) => `${((Math.max(0, b - a) / (t1 - t0 || 1)) * 100).toFixed(3)}%`;
  const instant = (time: string) => localToUtc(props.date, time, props.timeZone).getTime();
  const allow = (e: DragEvent) => drag && e.preventDefault();
  /** The instant under the pointer on a row's track. */
  const timeAt = (e: DragEvent<HTMLElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return t0 + ((e.clientX - box.left) / (box.width || 1)) * (t1 - t0);
  };
  const drop = (e: DragEvent<HTMLElement>, route: PlannedRoute) => {
    e.preventDefault();
    if (!drag) return;
    setDrag(null);
    const edits = moveEdits(drag, route.id, positionAt(route, timeAt(e), drag.stopId));
    if (edits) props.onEdit(...edits);
  };
  const hours: number[] = [];
  for (let h = Math.ceil(t0 / 3_600_000) * 3_600_000; h <= t1; h += 3_600_000) hours.push(h);

  return (
    <section className="timeline" aria-label={t('planner.timeline')}>
      <div className="timeline-row axis" aria-hidden="true">
        <span className="timeline-label" />
        <div className="timeline-track">
          {hours.map((h) => (
            <span key={h} className="tick" style={{ left: pct(h) }}>
              {clock(new Date(h).toISOString(), props.timeZone)}
            </span>
          ))}
        </div>
      </div>
      {props.routes.map((r, i) => {
        const numbers = visitNumbers(r.stops);
        return (
          <div
            key={r.id}
            className={`timeline-row${r.id === props.selected ? ' selected' : ''}${r.violations.length ? ' violated' : ''}`}
          >
            {/* The row's bars are a picture of the route; its button selects it, for keyboard users too. */}
            <button
              type="button"
              className="timeline-label link"
              style={{ borderLeftColor: routeColor(i) }}
              aria-pressed={r.id === props.selected}
              onClick={() => props.onSelect(r.id)}
            >
              {r.vehicleName}
            </button>
            <div
              className="timeline-track"
              aria-hidden="true"
              onClick={() => props.onSelect(r.id)}
              onDragOver={allow}
              onDrop={(e) => drop(e, r)}
              data-route-id={r.id}
            >
              {r.startAt && r.endAt && (
                <span
                  className="travel"
                  style={{ left: pct(ms(r.startAt)), width: width(ms(r.startAt), ms(r.endAt)) }}
                />
              )}
              {rowWindows(r).map((w) => {
                const a = instant(w.start);
                const b = instant(w.end);
                return (
                  <span
                    key={`${w.start}-${w.end}`}
                    className="window"
                    style={{ left: pct(Math.max(a, t0)), width: width(Math.max(a, t0), Math.min(b, t1)) }}
                  />
                );
              })}
              {r.stops.map((s, index) => {
                const arrival = ms(s.plannedArrivalAt);
                const start = ms(serviceStartIso({ ...s, localDate: props.date, timeZone: props.timeZone }));
                const end = ms(s.plannedDepartureAt);
                if (!Number.isFinite(arrival)) return null;
                const late = s.violations.some((v) => v.kind === 'late');
                return (
                  <Fragment key={s.id}>
                    {s.waitingS > 0 && (
                      <span className="waiting" style={{ left: pct(arrival), width: width(arrival, start) }} />
                    )}
                    {/* biome-ignore lint/a11y/noStaticElementInteractions: dragging on the (aria-hidden) picture is a mouse shortcut; the move form does the same from the keyboard */}
                    <span
                      className={`service ${s.kind}${late ? ' late' : ''}`}
                      style={{
                        left: pct(start),
                        width: width(start, end),
                        background: isVisit(s.kind) ? routeColor(i) : undefined,
                      }}
                      title={`${numbers.get(s.seq) ?? pauseIcon(s.kind)}. ${s.ref ?? t(s.kind === 'reload' ? 'planner.reload' : 'planner.break')} ${clock(new Date(start).toISOString(), props.timeZone)}–${clock(s.plannedDepartureAt, props.timeZone)}`}
                      draggable={canWrite && canDrag(r, s)}
                      onDragStart={() => setDrag({ stopId: s.id, fromRouteId: r.id, fromIndex: index })}
                      onDragEnd={() => setDrag(null)}
                      data-timeline-stop={s.id}
                    />
                  </Fragment>
                );
              })}
            </div>
          </div>
        );
      })}
    </section>
  );
});

/**
 * The windows of a row's timed stops, each once: a band per stop stacked its faint colour into a
 * dark one where many stops share a window (a 2,000-stop day drew 2,000 of them).
 */
function rowWindows(r: PlannedRoute): TimeWindow[] {
  const windows = new Map<string, TimeWindow>();
  for (const s of r.stops) {
    if (!Number.isFinite(ms(s.plannedArrivalAt))) continue;
    for (const w of s.timeWindows) windows.set(`${w.start}-${w.end}`, w);
  }
  return [...windows.values()];
}
