/** One stop of the day: where, when, what, and the buttons of what the driver does there. */
import { type DriverStop, phoneDisplay } from '@tournee/shared';
import { useI18n } from '../i18n.ts';
import { navLinks, preferredNav } from '../lib/geo.ts';
import type { StopAction } from '../lib/next-stop.ts';
import { breakSpan, kmText, plannedTimes, windowText } from '../lib/stop-times.ts';

export type { StopAction };

/** The route facts every card needs. */
export interface CardContext {
  zone: string;
  /** The route's day: the customer's windows are read on it. */
  localDate: string;
  dimensions: string[];
  /** The country whose numbers are written nationally (see usualPhoneCountry). */
  phoneCountry: string;
  /** What each visit is called on screen, by `seq` (see visitNumbers: breaks take no number). */
  numbers: ReadonlyMap<number, number>;
}

/** A stop with nothing to record (a break, a reload): its icon and its span on the route's clock. */
function PauseCard(props: { className: string; label: string; icon: string; text: string }) {
  return (
    <li className={props.className} aria-label={props.label}>
      <div className="stop-head">
        <span className="seq break-icon" aria-hidden="true">
          {props.icon}
        </span>
        <strong>{props.text}</strong>
      </div>
    </li>
  );
}

/** A break: its span on the route's clock, nothing to record. */
export function BreakCard({ stop, ctx }: { stop: DriverStop; ctx: CardContext }) {
  const { t, locale } = useI18n();
  const span = breakSpan(stop, ctx.zone, locale);
  return <PauseCard className="stop break" label={t.breakLabel} icon="☕" text={t.breakSpan(span.from, span.to)} />;
}

/** A reload at the depot (multi-trip): back at the depot to load the next trip, nothing to record. */
export function ReloadCard({ stop, ctx }: { stop: DriverStop; ctx: CardContext }) {
  const { t, locale } = useI18n();
  const span = breakSpan(stop, ctx.zone, locale);
  return (
    <PauseCard className="stop break reload" label={t.reloadLabel} icon="↻" text={t.reloadSpan(span.from, span.to)} />
  );
}

/** "Prévu 09:00 (arrivée 08:20, attendre)": the service start, and the earlier arrival. */
export function PlannedText({ stop, ctx }: { stop: DriverStop; ctx: CardContext }) {
  const { t, locale } = useI18n();
  const p = plannedTimes(stop, { localDate: ctx.localDate, timeZone: ctx.zone }, locale);
  return (
    <span className="planned">
      {t.eta} {p.start}
      {p.waitFrom ? ` (${t.arriveWait(p.waitFrom)})` : ''}
    </span>
  );
}

export function stopLabel(stop: DriverStop, t: { stop: string }): string {
  return stop.name ?? stop.ref ?? `${t.stop} ${stop.seq}`;
}

export function StopCard({
  stop,
  ctx,
  distanceKm,
  isNext,
  started,
  onAction,
}: {
  stop: DriverStop;
  ctx: CardContext;
  distanceKm: number | null;
  isNext: boolean;
  started: boolean;
  onAction(a: StopAction): void;
}) {
  const { t, locale } = useI18n();
  const open = stop.status === 'pending' || stop.status === 'arrived';
  // The first stop of a pickup and delivery order: the goods are collected, not delivered.
  const pickup = stop.kind === 'pickup';
  const label = stopLabel(stop, t);
  const links = stop.location ? navLinks(stop.location.coordinates as [number, number], label) : null;
  const slot = windowText(stop);
  const demand = stop.demand
    .map((v, i) =>
      v ? `${v.toLocaleString(locale)} ${t.dimension[ctx.dimensions[i] ?? ''] ?? ctx.dimensions[i] ?? ''}` : '',
    )
    .filter(Boolean)
    .join(' · ');
  return (
    <li className={`stop ${stop.status}${isNext ? ' next' : ''}`} aria-label={label}>
      <div className="stop-head">
        <span className="seq">{ctx.numbers.get(stop.seq) ?? stop.seq}</span>
        <strong>{label}</strong>
        <span className={`badge ${stop.status}`}>
          {pickup && stop.status === 'delivered' ? t.pickedUp : t.status[stop.status]}
        </span>
      </div>
      {stop.pickupAndDelivery && (
        <div className={`stop-kind ${stop.kind}`}>{pickup ? t.kind.pickup : t.kind.delivery}</div>
      )}
      <div className="address">{stop.address}</div>
      <div className="meta">
        <span className="window">
          {t.window} {slot ?? t.anyTime}
        </span>
        {/* The service start (shared/src/stop-times.ts): a stop reached at 12:09 for a 13:00–16:00 window is
            "Prévu 13:00", as in the planner and the customer's messages; the arrival is shown when earlier. */}
        <PlannedText stop={stop} ctx={ctx} />
        {distanceKm !== null && <span>{t.distance(kmText(distanceKm, locale))}</span>}
        {demand && <span>{demand}</span>}
      </div>
      {stop.notes && <div className="notes">{stop.notes}</div>}
      <div className="links">
        {links && (
          <>
            <a href={preferredNav(links)} target="_blank" rel="noreferrer">
              {t.navigate}
            </a>
            <a href={links.google} target="_blank" rel="noreferrer">
              Google
            </a>
            <a href={links.apple} target="_blank" rel="noreferrer">
              Apple
            </a>
            <a href={links.geo}>geo:</a>
          </>
        )}
        {stop.phone && (
          <a href={`tel:${stop.phone}`}>
            {t.call} {phoneDisplay(stop.phone, ctx.phoneCountry)}
          </a>
        )}
      </div>
      {open && started && (
        <div className="actions">
          {stop.status === 'pending' && (
            <button type="button" onClick={() => onAction('arrived')}>
              {t.arrived}
            </button>
          )}
          <button type="button" className="primary" onClick={() => onAction('delivered')}>
            {pickup ? t.pickedUp : t.delivered}
          </button>
          <button type="button" className="danger" onClick={() => onAction('failed')}>
            {t.failed}
          </button>
          <button type="button" onClick={() => onAction('skipped')}>
            {t.skipped}
          </button>
        </div>
      )}
    </li>
  );
}
