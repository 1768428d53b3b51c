import type { Depot, Order, OrderDetailView, Organisation } from '@tournee/shared';
import { lazy, Suspense, useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { OrderHistoryPanel } from '../audit/order-history.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { OrderAttempts, OrderEvents, OrderMessages, OrderRatingCard, OrderStops } from './order-activity.tsx';
import { DeliveryCodeCard } from './delivery-code-card.tsx';
import { OrderFields } from './order-fields.tsx';
import { OrderForm } from './order-form.tsx';
import { OrderPickupCard } from './order-pickup.tsx';
import { coordinate, dateTime, localDay } from './order-format.ts';
import { goTo, hrefOf, linkTo } from './order-path.ts';
import { blockedText, statusLabel } from './order-text.ts';
import { useOrderLive } from './use-order-live.ts';

// MapLibre is most of the bundle: it comes when an order is opened, not with the list.
const OrderMap = lazy(() => import('./order-map.tsx'));

/**
 * One order (`/orders/<id>`): every field, a pin on the map, where it is planned, its visits,
 * the driver's events with photos and signatures, the messages sent, the rating and the full
 * history. Edit and Cancel are offered when the server allows them, else shown disabled with why.
 */
export function OrderDetailPage({
  id,
  editing,
  initialNotice,
}: {
  id: string;
  editing: boolean;
  /** Said once on arrival ("Order … created", then what the fleet cannot do for it). */
  initialNotice?: string[] | null;
}) {
  const { t, locale } = useI18n();
  const canWrite = useCanWrite();
  const order = useApi<OrderDetailView>(`/orders/${encodeURIComponent(id)}`);
  const org = useApi<Organisation>('/organisation');
  const depots = useApi<{ items: Depot[] }>('/depots');
  const clientConfig = useApi<{ mapStyleUrl: string | null }>('/client-config');
  const [notice, setNotice] = useState<string[] | null>(initialNotice ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(true);
  const o = order.data;
  // Bumped when the order changed elsewhere (a driver's event): the sections fetch again too.
  const [version, setVersion] = useState(0);
  const following = useOrderLive(id, o ? [o.dateFrom, ...o.stops.map((s) => s.localDate)] : [], () => {
    order.reload();
    setVersion((v) => v + 1);
  });

  const cancel = async (current: OrderDetailView) => {
    if (!confirm(t('orders.detail.cancelConfirm', { ref: current.ref }))) return;
    setBusy(true);
    setError(null);
    try {
      await api<Order>(`/orders/${current.id}`, { method: 'DELETE' });
      setNotice([t('orders.detail.cancelled', { ref: current.ref })]);
      order.reload();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const day = (iso: string) => localDay(locale, iso);
  const editWhy = o ? blockedText(t, 'edit', o.actions.edit, o.status, day) : null;
  const cancelWhy = o ? blockedText(t, 'cancel', o.actions.cancel, o.status, day) : null;
  const serverWhy = (s: OrderDetailView['actions']['edit']) => (s.allowed ? undefined : s.reason);
  const stopIds = o
    ? [...new Set([...o.stops.map((s) => s.stopId), ...o.attempts.flatMap((a) => a.stopId ?? [])])]
    : [];

  return (
    <section className="order-page" aria-labelledby="order-title" data-live={following}>
      <a className="back" href={hrefOf({ kind: 'list' })} onClick={linkTo({ kind: 'list' })}>
        {t('orders.detail.back')}
      </a>
      <AsyncState loading={order.loading} error={order.error} onRetry={order.reload}>
        {o && editing && canWrite && org.data && (
          <OrderForm
            mode="edit"
            org={org.data}
            order={o}
            onDone={() => {
              setNotice([t('orders.detail.saved')]);
              order.reload();
              goTo({ kind: 'order', id: o.id, edit: false }, { replace: true });
            }}
            onCancel={() => goTo({ kind: 'order', id: o.id, edit: false }, { replace: true })}
          />
        )}
        {o && (!editing || !canWrite) && (
          <>
            <div className="title-row">
              <h1 id="order-title">{t('orders.detail.title', { ref: o.ref })}</h1>
              <span className={`status status-${o.status}`}>{statusLabel(t, o.status)}</span>
              <span className="spacer" />
              {canWrite && (
                <>
                  <button
                    type="button"
                    disabled={!o.actions.edit.allowed || busy}
                    title={serverWhy(o.actions.edit)}
                    aria-describedby={editWhy ? 'order-edit-why' : undefined}
                    onClick={() => goTo({ kind: 'order', id: o.id, edit: true }, { replace: true })}
                  >
                    {t('orders.detail.edit')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    disabled={!o.actions.cancel.allowed || busy}
                    title={serverWhy(o.actions.cancel)}
                    aria-describedby={cancelWhy ? 'order-cancel-why' : undefined}
                    onClick={() => cancel(o)}
                  >
                    {t('orders.detail.cancel')}
                  </button>
                </>
              )}
            </div>
            {canWrite && (editWhy || cancelWhy) && (
              <ul className="order-blocked">
                {editWhy && <li id="order-edit-why">{`${t('orders.detail.edit')} — ${editWhy}`}</li>}
                {cancelWhy && cancelWhy !== editWhy && (
                  <li id="order-cancel-why">{`${t('orders.detail.cancel')} — ${cancelWhy}`}</li>
                )}
              </ul>
            )}
            {notice && (
              <div role="status" className="notice">
                {notice.map((line) => (
                  <p key={line}>{line}</p>
                ))}
              </div>
            )}
            {error && (
              <p role="alert" className="error">
                {error}
              </p>
            )}
            {o.status === 'on_hold' && o.holdReason && (
              <p className="notice">
                {o.holdUntil
                  ? t('orders.detail.heldUntil', { reason: o.holdReason, until: dateTime(locale, o.holdUntil) })
                  : t('orders.detail.held', { reason: o.holdReason })}
              </p>
            )}
            <div className="order-grid">
              <OrderFields
                order={o}
                dimensions={org.data?.dimensions ?? []}
                country={org.data?.defaultCountry}
                depotName={depots.data?.items.find((d) => d.id === o.depotId)?.name}
              />
              <section className="order-card" aria-labelledby="order-where">
                <h2 id="order-where">{t('orders.detail.where')}</h2>
                <p>{o.address}</p>
                <p className="hint">
                  {`${t('orders.field.lat')} ${coordinate(locale, o.location.coordinates[1])} · ${t('orders.field.lon')} ${coordinate(locale, o.location.coordinates[0])} (${o.geocoded ? t('orders.field.geocoded') : t('orders.field.given')})`}
                </p>
                {clientConfig.data !== null || clientConfig.error ? (
                  <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
                    <OrderMap
                      lonLat={o.location.coordinates}
                      pickupLonLat={o.pickup?.location.coordinates}
                      styleUrl={clientConfig.data?.mapStyleUrl ?? null}
                      label={t(o.pickup ? 'orders.pickup.mapLabel' : 'orders.detail.mapLabel')}
                    />
                  </Suspense>
                ) : null}
              </section>
            </div>
            {o.pickup && <OrderPickupCard pickup={o.pickup} stops={o.stops} />}
            <OrderStops stops={o.stops} />
            <DeliveryCodeCard view={o} onUnlocked={order.reload} />
            <OrderAttempts attempts={o.attempts} />
            <OrderEvents stopIds={stopIds} version={version} />
            <OrderMessages orderId={o.id} country={org.data?.defaultCountry} version={version} />
            <OrderRatingCard rating={o.rating} />
            {historyOpen ? (
              <OrderHistoryPanel key={version} orderId={o.id} onClose={() => setHistoryOpen(false)} />
            ) : (
              <button type="button" onClick={() => setHistoryOpen(true)}>
                {t('orders.detail.history')}
              </button>
            )}
          </>
        )}
      </AsyncState>
    </section>
  );
}
