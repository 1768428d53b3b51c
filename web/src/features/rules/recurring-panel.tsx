import type { Depot, OrderTemplate } from '@tournee/shared';
import { useState } from 'react';
import { useApi } from '../../api/use-api.ts';
import { useResourceList } from '../../api/use-resource-list.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { formatDate } from '../../i18n/format.ts';
import { ruleText } from './round-rule.ts';
import { TemplateForm } from './template-form.tsx';
import './schedules.css';

/** Recurring orders: the order templates, each making one order per date of its rule. */
export function RecurringPanel() {
  const { t, intl } = useI18n();
  const canWrite = useCanWrite();
  const { list, update, remove } = useResourceList<OrderTemplate>('/order-templates');
  const depots = useApi<{ items: Depot[] }>('/depots');
  const [editing, setEditing] = useState<OrderTemplate | null>(null);

  return (
    <section className="automation-panel" aria-labelledby="recurring-title">
      <h2 id="recurring-title">{t('recurring.title')}</h2>
      <p className="hint">{t('recurring.intro')}</p>
      {list.data && list.data.items.length === 0 && <p className="empty">{t('recurring.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <table className="automation-table">
          <thead>
            <tr>
              <th>{t('recurring.ref')}</th>
              <th>{t('recurring.customer')}</th>
              <th>{t('recurring.repeats')}</th>
              <th>{t('recurring.nextDates')}</th>
              <th>{t('recurring.generated')}</th>
              <th>{t('recurring.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((x) => (
              <tr key={x.id} className={x.paused ? 'off' : ''}>
                <td>
                  <code>{x.ref}</code>
                </td>
                <td>
                  {x.order.name}
                  <div className="sub">{x.order.address}</div>
                </td>
                <td>{ruleText(x.rrule, t, intl)}</td>
                <td>
                  {x.nextDates
                    .slice(0, 3)
                    .map((d) => formatDate(intl, d, { weekday: 'short', day: 'numeric', month: 'short' }))
                    .join(', ')}
                </td>
                <td className="num">{x.generated}</td>
                <td>{t(x.paused ? 'recurring.paused' : 'recurring.active')}</td>
                {canWrite && (
                  <td className="actions">
                    <button type="button" onClick={() => setEditing(x)}>
                      {t('recurring.edit')}
                    </button>
                    <button type="button" onClick={() => update(x, { paused: !x.paused })}>
                      {t(x.paused ? 'recurring.resume' : 'recurring.pause')}
                    </button>
                    <button type="button" className="danger" onClick={() => remove(x)}>
                      {t('recurring.delete')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite && depots.data && (
        <TemplateForm
          key={editing?.id ?? 'new'}
          depots={depots.data.items}
          editing={editing}
          onSaved={list.reload}
          onDone={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </section>
  );
}
