/**
 * The order's delivery code (issue 16), for a dispatcher on the phone with the customer, and
 * the override after too many wrong codes at a stop: Unlock lets the driver try again.
 */
import type { OrderDetailView } from '@tournee/shared';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';

export function DeliveryCodeCard({ view, onUnlocked }: { view: OrderDetailView; onUnlocked(): void }) {
  const { t } = useI18n();
  const canWrite = useCanWrite();
  const [error, setError] = useState<string | null>(null);
  const code = view.deliveryCode;
  if (!code) return null;
  const unlock = async (stopId: string) => {
    setError(null);
    try {
      await api(`/stops/${stopId}/delivery-code/unlock`, { method: 'POST', body: '{}' });
      onUnlocked();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section className="order-card" aria-labelledby="order-delivery-code">
      <h2 id="order-delivery-code">{t('orders.code.title')}</h2>
      <p>
        <strong className="delivery-code">{code.code}</strong> <span className="muted">{t('orders.code.help')}</span>
      </p>
      {code.lockedStopIds.map((stopId) => (
        <p key={stopId} role="status">
          {t('orders.code.locked')}{' '}
          {canWrite && (
            <button type="button" onClick={() => void unlock(stopId)}>
              {t('orders.code.unlock')}
            </button>
          )}
        </p>
      ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
