/** One stop of the day: where, when, what, and the buttons of what the driver does there. */
import { type DriverStop, serviceStartIso } from '@tournee/shared';
import { useI18n } from '../i18n.ts';
import { localTime, navLinks, preferredNav } from '../lib/geo.ts';

export type StopAction = 'arrived' | 'delivered' | 'failed' | 'skipped';

export function StopCard({
  stop,
  zone,
  localDate,
  dimensions,
  distanceKm,
  isNext,
  started,
  onAction,
}: {
  stop: DriverStop;
  zone: string;
  /** The route's day: the customer's windows are read on it. */
  localDate: string;
  dimensions: string[];
  distanceKm: number | null;
  isNext: boolean;
  started: boolean;
  onAction(a: StopAction): void;
}) {
  const { t } = useI18n();
  const open = stop.status === 'pending' || stop.status === 'arrived';
  const label = stop.name ?? stop.ref ?? `${t.stop} ${stop.seq + 1}`;
  const links = stop.location ? navLinks(stop.location.coordinates as [number, number], label) : null;
  const start = serviceStartIso({ ...stop, localDate, timeZone: zone });
  const arrival = localTime(stop.plannedArrivalAt, zone);
  const demand = stop.demand
    .map((v, i) => (v ? `${v} ${dimensions[i] ?? ''}` : ''))
    .filter(Boolean)
    .join(' · ');
  return (
    <li className={`stop ${stop.status}${isNext ? ' next' : ''}`} aria-label={label}>
      <div className="stop-head">
        <span className="seq">{stop.seq + 1}</span>
        <strong>{label}</strong>
        <span className={`badge ${stop.status}`}>{t.status[stop.status]}</span>
      </div>
      <div className="address">{stop.address}</div>
      <div className="meta">
        {stop.timeWindows.length > 0 && (
          <span>
            {t.window} {stop.timeWindows.map((w) => `${w.start}–${w.end}`).join(', ')}
          </span>
        )}
        {/* The service start (shared/src/stop-times.ts): a stop reached at 12:09 for a 13:00–16:00 window is
            "Prévu 13:00", as in the planner and the customer's messages; the arrival is shown when earlier. */}
        <span className="planned">
          {t.eta} {localTime(start, zone)}
          {arrival !== localTime(start, zone) && arrival ? ` (${t.arriveAt(arrival)})` : ''}
        </span>
        {distanceKm !== null && <span>{t.distance(distanceKm.toFixed(1))}</span>}
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
        {stop.phone && <a href={`tel:${stop.phone}`}>{t.call}</a>}
      </div>
      {open && started && stop.kind !== 'break' && (
        <div className="actions">
          {stop.status === 'pending' && (
            <button type="button" onClick={() => onAction('arrived')}>
              {t.arrived}
            </button>
          )}
          <button type="button" className="primary" onClick={() => onAction('delivered')}>
            {t.delivered}
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
