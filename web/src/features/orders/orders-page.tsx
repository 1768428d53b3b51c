import type { Organisation } from '@tournee/shared';
import { useState } from 'react';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { OrderDetailPage } from './order-detail-page.tsx';
import { OrderForm } from './order-form.tsx';
import { goTo, hrefOf, linkTo, useOrderPath } from './order-path.ts';
import { OrdersList } from './orders-list.tsx';
import './orders.css';

/**
 * The orders screen: the list (`/orders`), a new order (`/orders/new`) or one order
 * (`/orders/<id>`, `/orders/<id>/edit`). The list stays mounted, hidden, while an order is
 * open, so back finds it with its filters, page and selection.
 */
export function OrdersPage() {
  const path = useOrderPath();
  // Said on the order's page once the form has created it (the form itself is gone by then).
  const [created, setCreated] = useState<{ id: string; lines: string[] } | null>(null);
  // A viewer has no new-order form: /orders/new shows the list.
  const canWrite = useCanWrite();
  const showList = path.kind === 'list' || (path.kind === 'new' && !canWrite);
  return (
    <>
      {path.kind === 'new' && canWrite && <NewOrder onCreated={setCreated} />}
      {path.kind === 'order' && (
        <OrderDetailPage
          key={path.id}
          id={path.id}
          editing={path.edit}
          initialNotice={created?.id === path.id ? created.lines : null}
        />
      )}
      <div hidden={!showList}>
        <OrdersList visible={showList} />
      </div>
    </>
  );
}

function NewOrder({ onCreated }: { onCreated(c: { id: string; lines: string[] }): void }) {
  const { t } = useI18n();
  const org = useApi<Organisation>('/organisation');
  return (
    <section className="order-page">
      <a className="back" href={hrefOf({ kind: 'list' })} onClick={linkTo({ kind: 'list' })}>
        {t('orders.detail.back')}
      </a>
      <AsyncState loading={org.loading} error={org.error} onRetry={org.reload}>
        {org.data && (
          <OrderForm
            mode="new"
            org={org.data}
            onCancel={() => goTo({ kind: 'list' })}
            onDone={(result) => {
              const said = {
                created: t('orders.detail.created', { ref: result.ref }),
                updated: t('orders.form.updatedExisting', { ref: result.ref }),
                unchanged: t('orders.form.unchanged', { ref: result.ref }),
                rejected: '',
              }[result.status];
              const warnings = (result.warnings ?? []).map((w) => t('orders.form.warning', { message: w }));
              onCreated({ id: result.id!, lines: [said, ...warnings] });
              // The form's entry is replaced: back from the new order goes to the list.
              goTo({ kind: 'order', id: result.id!, edit: false }, { replace: true });
            }}
          />
        )}
      </AsyncState>
    </section>
  );
}
