/**
 * The next-stop screen: only the stop to do now, large — who, where, the booked window and the
 * planned time, call and navigate — and one big button ("Arrived", then "Delivered"). Failing
 * or skipping stays possible, smaller, below it.
 */
import { type DriverStop, phoneDisplay } from '@tournee/shared';
import { useI18n } from '../i18n.ts';
import { navLinks, preferredNav } from '../lib/geo.ts';
import { type DayPosition, mainAction, type StopAction } from '../lib/next-stop.ts';
import { breakSpan, kmText, plannedTimes, windowText } from '../lib/stop-times.ts';
import { type CardContext, stopLabel } from './stop-card.tsx';

export function NextStopView({
  position,
  ctx,
  distanceKm,
  started,
  onStart,
  onAction,
}: {
  position: DayPosition<DriverStop>;
  ctx: CardContext;
  distanceKm: number | null;
  started: boolean;
  onStart(): void;
  onAction(stopId: string, a: StopAction): void;
}) {
  const { t, locale } = useI18n();
  const stop = position.next;
  if (!stop)
    return (
      <section className="next-stop done" aria-label={t.viewNext}>
        <p className="big-text">{t.allDone}</p>
        <p className="muted">{t.progress(position.done, position.total)}</p>
      </section>
    );
  const label = stopLabel(stop, t);
  const links = stop.location ? navLinks(stop.location.coordinates as [number, number], label) : null;
  const pause = position.breakBefore ? breakSpan(position.breakBefore, ctx.zone, locale) : null;
  const reload = position.reloadBefore ? breakSpan(position.reloadBefore, ctx.zone, locale) : null;
  const action = mainAction(stop);
  const planned = plannedTimes(stop, { localDate: ctx.localDate, timeZone: ctx.zone }, locale);
  return (
    <section className="next-stop" aria-label={t.viewNext}>
      <div className="muted next-progress">{t.progress(position.done, position.total)}</div>
      {pause && (
        <div className="break-notice" role="note">
          ☕ {t.breakFirst(pause.from, pause.to)}
        </div>
      )}
      {reload && (
        <div className="break-notice" role="note">
          ↻ {t.reloadFirst(reload.from, reload.to)}
        </div>
      )}
      <h2 className="next-name">
        <span className="seq">{ctx.numbers.get(stop.seq) ?? stop.seq}</span> {label}
      </h2>
      {stop.pickupAndDelivery && (
        <div className={`stop-kind ${stop.kind}`}>{stop.kind === 'pickup' ? t.kind.pickup : t.kind.delivery}</div>
      )}
      <p className="next-address">{stop.address}</p>
      <dl className="next-times">
        <div>
          <dt>{t.window}</dt>
          <dd className="window">{windowText(stop) ?? t.anyTime}</dd>
        </div>
        <div>
          <dt>{t.eta}</dt>
          <dd className="planned">
            {planned.start}
            {planned.waitFrom && <small>{t.arriveWait(planned.waitFrom)}</small>}
          </dd>
        </div>
        {distanceKm !== null && (
          <div>
            <dt>{t.distanceLabel}</dt>
            <dd>{t.distance(kmText(distanceKm, locale))}</dd>
          </div>
        )}
      </dl>
      {stop.notes && <div className="notes">{stop.notes}</div>}
      <div className="next-links">
        {links && (
          <a className="button" href={preferredNav(links)} target="_blank" rel="noreferrer">
            {t.navigate}
          </a>
        )}
        {stop.phone && (
          <a className="button call" href={`tel:${stop.phone}`}>
            <span>{t.call}</span> <span className="phone">{phoneDisplay(stop.phone, ctx.phoneCountry)}</span>
          </a>
        )}
      </div>
      {!started ? (
        <button type="button" className="primary huge" onClick={onStart}>
          {t.startRoute}
        </button>
      ) : (
        <>
          <button type="button" className={`primary huge ${action}`} onClick={() => onAction(stop.id, action)}>
            {action === 'arrived' ? t.arrived : stop.kind === 'pickup' ? t.pickedUp : t.delivered}
          </button>
          <div className="row secondary">
            <button type="button" className="danger" onClick={() => onAction(stop.id, 'failed')}>
              {t.failed}
            </button>
            <button type="button" onClick={() => onAction(stop.id, 'skipped')}>
              {t.skipped}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
