import type { Attempt, Notification, OrderDetailView, OrderStopPlacement } from '@tournee/shared';
import { phoneDisplay } from '@tournee/shared';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { dateTime, localDay } from './order-format.ts';
import { labelOf } from './order-text.ts';

/** One stop event as GET /api/stops/:id/events gives it. */
interface StopEvent {
  id: string;
  type: string;
  reason: string | null;
  note: string | null;
  recipientName: string | null;
  deviceAt: string;
  receivedAt: string;
  proofs: { id: string; kind: 'photo' | 'signature'; createdAt?: string }[];
}

/**
 * A stop of the order on a route, with which of its stops it is (the server says `kind`; the
 * shared OrderStopPlacement does not list it yet).
 */
export type OrderStop = OrderStopPlacement & { kind?: 'pickup' | 'delivery' };

/**
 * Where the order is (or was) planned: day, vehicle, driver, position, times; for a pickup and
 * delivery order, which stop is the pickup and which the delivery.
 */
export function OrderStops({ stops }: { stops: OrderStop[] }) {
  const { t, locale } = useI18n();
  const twoKinds = stops.some((s) => s.kind === 'pickup');
  return (
    <section className="order-card" aria-labelledby="order-stops">
      <h2 id="order-stops">{t('orders.detail.stops')}</h2>
      {stops.length === 0 ? (
        <p className="empty">{t('orders.detail.noStops')}</p>
      ) : (
        <table className="order-table">
          <thead>
            <tr>
              <th scope="col">{t('orders.col.day')}</th>
              {twoKinds && <th scope="col">{t('orders.col.kind')}</th>}
              <th scope="col">{t('orders.col.vehicle')}</th>
              <th scope="col">{t('orders.col.driver')}</th>
              <th scope="col">{t('orders.col.position')}</th>
              <th scope="col">{t('orders.col.planned')}</th>
              <th scope="col">{t('orders.col.routeStatus')}</th>
              <th scope="col">{t('orders.col.stopStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {stops.map((s) => (
              <tr key={s.stopId}>
                <td>{localDay(locale, s.localDate)}</td>
                {twoKinds && (
                  <td className="order-stop-kind">
                    {t(s.kind === 'pickup' ? 'orders.kind.pickup' : 'orders.kind.delivery')}
                  </td>
                )}
                <td>{s.vehicleName}</td>
                <td>{s.driverName ?? t('orders.field.none')}</td>
                <td>{s.position}</td>
                <td>{dateTime(locale, s.etaAt ?? s.plannedArrivalAt)}</td>
                <td>
                  {labelOf(t, 'orders.route', s.routeStatus)}
                  {s.routeLocked && ` · ${t('orders.locked')}`}
                </td>
                <td>
                  {labelOf(t, 'orders.stop', s.status)}
                  {s.locked && ` · ${t('orders.locked')}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Each visit: its outcome, the driver's reason and note. */
export function OrderAttempts({ attempts }: { attempts: Attempt[] }) {
  const { t, locale } = useI18n();
  return (
    <section className="order-card" aria-labelledby="order-attempts">
      <h2 id="order-attempts">{t('orders.detail.attempts')}</h2>
      {attempts.length === 0 ? (
        <p className="empty">{t('orders.detail.noAttempts')}</p>
      ) : (
        <table className="order-table">
          <thead>
            <tr>
              <th scope="col">{t('orders.col.visit')}</th>
              <th scope="col">{t('orders.col.day')}</th>
              <th scope="col">{t('orders.col.outcome')}</th>
              <th scope="col">{t('orders.col.reason')}</th>
              <th scope="col">{t('orders.col.note')}</th>
              <th scope="col">{t('orders.col.at')}</th>
            </tr>
          </thead>
          <tbody>
            {attempts.map((a) => (
              <tr key={a.n}>
                <td>{a.n}</td>
                <td>{localDay(locale, a.localDate)}</td>
                <td>{labelOf(t, 'orders.stop', a.outcome)}</td>
                <td>{a.reason ? labelOf(t, 'orders.fail', a.reason) : t('orders.field.none')}</td>
                <td>{a.note ?? ''}</td>
                <td>{dateTime(locale, a.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The events the driver sent for each of the order's stops, and the photos and signatures with them. */
export function OrderEvents({
  stopIds,
  version = 0,
}: {
  stopIds: string[] /** Changed: fetch again. */;
  version?: number;
}) {
  const { t, locale } = useI18n();
  const [events, setEvents] = useState<StopEvent[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const key = stopIds.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the ids; `version` asks again
  useEffect(() => {
    let live = true;
    Promise.all(stopIds.map((id) => api<{ items: StopEvent[] }>(`/stops/${id}/events`))).then(
      (pages) => live && setEvents(pages.flatMap((p) => p.items).sort((a, b) => a.deviceAt.localeCompare(b.deviceAt))),
      (e: Error) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [key, version]);
  const proofs = (events ?? []).flatMap((e) => e.proofs.map((p) => ({ ...p, at: e.deviceAt })));
  return (
    <>
      <section className="order-card" aria-labelledby="order-events">
        <h2 id="order-events">{t('orders.detail.events')}</h2>
        <AsyncState loading={!events && !error} error={error}>
          {events?.length === 0 && <p className="empty">{t('orders.detail.noEvents')}</p>}
          {events && events.length > 0 && (
            <table className="order-table">
              <thead>
                <tr>
                  <th scope="col">{t('orders.col.event')}</th>
                  <th scope="col">{t('orders.col.at')}</th>
                  <th scope="col">{t('orders.col.received')}</th>
                  <th scope="col">{t('orders.col.reason')}</th>
                  <th scope="col">{t('orders.col.recipient')}</th>
                  <th scope="col">{t('orders.col.note')}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id}>
                    <td>{labelOf(t, 'orders.event', e.type)}</td>
                    <td>{dateTime(locale, e.deviceAt)}</td>
                    <td>{dateTime(locale, e.receivedAt)}</td>
                    <td>{e.reason ? labelOf(t, 'orders.fail', e.reason) : ''}</td>
                    <td>{e.recipientName ?? ''}</td>
                    <td>{e.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </AsyncState>
      </section>
      <section className="order-card" aria-labelledby="order-proofs">
        <h2 id="order-proofs">{t('orders.detail.proofs')}</h2>
        {proofs.length === 0 ? (
          <p className="empty">{t('orders.detail.noProofs')}</p>
        ) : (
          <div className="order-proofs">
            {proofs.map((p) => {
              const label = t(p.kind === 'signature' ? 'orders.proof.signature' : 'orders.proof.photo', {
                at: dateTime(locale, p.at),
              });
              return (
                <figure key={p.id}>
                  <a href={`/api/proofs/${p.id}`} target="_blank" rel="noreferrer">
                    <img src={`/api/proofs/${p.id}`} alt={label} />
                  </a>
                  <figcaption>{label}</figcaption>
                </figure>
              );
            })}
          </div>
        )}
      </section>
    </>
  );
}

/** The messages sent to the customer about this order (from the outbox). */
export function OrderMessages({
  orderId,
  country,
  version = 0,
}: {
  orderId: string;
  country?: string;
  version?: number;
}) {
  const { t, locale } = useI18n();
  const messages = useApi<{ items: Notification[] }>(`/notifications?orderId=${encodeURIComponent(orderId)}`);
  const { reload } = messages;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  const items = messages.data?.items ?? [];
  return (
    <section className="order-card" aria-labelledby="order-messages">
      <h2 id="order-messages">{t('orders.detail.messages')}</h2>
      <AsyncState loading={messages.loading} error={messages.error} onRetry={messages.reload}>
        {messages.data && items.length === 0 && <p className="empty">{t('orders.detail.noMessages')}</p>}
        {items.length > 0 && (
          <table className="order-table">
            <thead>
              <tr>
                <th scope="col">{t('orders.col.at')}</th>
                <th scope="col">{t('orders.col.channel')}</th>
                <th scope="col">{t('orders.col.trigger')}</th>
                <th scope="col">{t('orders.col.to')}</th>
                <th scope="col">{t('orders.col.messageStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td>{dateTime(locale, m.sentAt ?? m.createdAt)}</td>
                  <td>{labelOf(t, 'orders.channel', m.channel)}</td>
                  <td title={m.body}>{labelOf(t, 'orders.trigger', m.trigger)}</td>
                  <td>{m.channel === 'sms' ? phoneDisplay(m.recipient, country) : m.recipient}</td>
                  <td>{labelOf(t, 'orders.message', m.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncState>
    </section>
  );
}

/** The customer's stars and comment from the tracking page. */
export function OrderRatingCard({ rating }: { rating: OrderDetailView['rating'] }) {
  const { t, locale } = useI18n();
  return (
    <section className="order-card" aria-labelledby="order-rating">
      <h2 id="order-rating">{t('orders.detail.rating')}</h2>
      {rating ? (
        <p>
          <span className="stars" role="img" aria-label={t('orders.detail.stars', { n: rating.rating })}>
            {'★'.repeat(rating.rating)}
            {'☆'.repeat(5 - rating.rating)}
          </span>{' '}
          {rating.comment && <q>{rating.comment}</q>} <small>{dateTime(locale, rating.at)}</small>
        </p>
      ) : (
        <p className="empty">{t('orders.detail.noRating')}</p>
      )}
    </section>
  );
}
