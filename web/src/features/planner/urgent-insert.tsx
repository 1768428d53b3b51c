import type { InsertResult, Order } from '@tournee/shared';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { clock } from './dates.ts';

/**
 * Urgent orders into a (published) day: only unlocked, not-started parts of routes change, and
 * the answer lists which stops moved and by how much, and the vans sent out when no running
 * route could take an order.
 */
export function UrgentInsert(props: { date: string; orders: Order[]; timeZone: string; onDone(): void }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<InsertResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (props.orders.length === 0 && !result) return null;

  async function insert() {
    setError(null);
    try {
      const out = await api<InsertResult>('/dispatch/insert', {
        method: 'POST',
        body: JSON.stringify({ date: props.date, orderIds: [...chosen] }),
      });
      setResult(out);
      setChosen(new Set());
      props.onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <details className="urgent-insert">
      <summary>{t('planner.insertTitle', { n: props.orders.length })}</summary>
      <ul>
        {props.orders.slice(0, 200).map((o) => (
          <li key={o.id}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={chosen.has(o.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(o.id);
                  else next.delete(o.id);
                  setChosen(next);
                }}
              />
              {o.ref} · {o.name} · {o.address}
            </label>
          </li>
        ))}
      </ul>
      <button type="button" disabled={chosen.size === 0} onClick={() => void insert()}>
        {t('planner.insert', { n: chosen.size })}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && (
        <div role="status">
          <p>
            {t('planner.insertResult', {
              inserted: result.inserted.length,
              notInserted: result.notInserted.length,
              moved: result.moved.length,
            })}
          </p>
          {result.opened.length > 0 && <p>{t('planner.vansSentOut', { n: result.opened.length })}</p>}
          <ul>
            {result.notInserted.map((n) => (
              <li key={n.orderId} className="error">
                {n.message}
              </li>
            ))}
            {result.moved.map((m) => (
              <li key={m.stopId}>
                {t('planner.movedBy', {
                  from: clock(m.fromArrivalAt, props.timeZone),
                  to: clock(m.toArrivalAt, props.timeZone),
                  min: Math.round(m.deltaS / 60),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </details>
  );
}
