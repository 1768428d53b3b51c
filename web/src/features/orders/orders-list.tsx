import { ORDER_STATUSES, type Order, type Organisation, type Page } from '@tournee/shared';
import { useEffect, useState } from 'react';
import { api, query } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApi } from '../../api/use-api.ts';
import { useCanWrite } from '../auth/session.tsx';
import { ImportWizard } from '../import/import-wizard.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { navigate } from '../layout/router.ts';
import { BulkBar } from './bulk-bar.tsx';
import { EmptyOrders } from './empty-orders.tsx';
import { ExportLinks } from './export-links.tsx';
import { latLon, localDay } from './order-format.ts';
import { hrefOf, linkTo } from './order-path.ts';
import { statusLabel } from './order-text.ts';

const PAGE_SIZE = 50;

export interface Filters {
  q: string;
  from: string;
  to: string;
  status: string;
}

const NO_FILTERS: Filters = { q: '', from: '', to: '', status: '' };

/**
 * The orders table: filters by day range, status and text; pages through thousands of rows. A
 * row opens its order. `visible` false keeps it (filters, page, selection) while an order is open;
 * coming back shows the list fresh, changes made meanwhile included.
 */
export function OrdersList({ visible }: { visible: boolean }) {
  const { t, locale } = useI18n();
  const canWrite = useCanWrite();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<Order> | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [reload, setReload] = useState(0);
  const [importing, setImporting] = useState(false);
  const org = useApi<Organisation>('/organisation');
  // Ticked orders, id → reference; kept across pages so a selection can span them.
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const toggle = (orders: Order[], on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      for (const o of orders) on ? next.set(o.id, o.ref) : next.delete(o.id);
      return next;
    });

  // `reload` is not read: changing it is how Retry asks for the same page again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    let live = true;
    setError(null);
    const timer = setTimeout(() => {
      api<Page<Order>>(`/orders${query({ ...filters, limit: PAGE_SIZE, offset })}`).then(
        (p) => live && setPage(p),
        (e: Error) => live && setError(e),
      );
    }, 200); // typing in the search box should not send one request per key
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [filters, offset, reload]);

  useEffect(() => {
    if (visible) setReload((n) => n + 1);
  }, [visible]);

  const set = (k: keyof Filters) => (e: { target: { value: string } }) => {
    setOffset(0);
    setFilters((f) => ({ ...f, [k]: e.target.value }));
  };

  return (
    <section aria-labelledby="orders-title">
      <div className="title-row">
        <h1 id="orders-title">{t('orders.title')}</h1>
        {canWrite && (
          <>
            <button type="button" aria-expanded={importing} onClick={() => setImporting(!importing)}>
              {t('import.open')}
            </button>
            <a className="button" href={hrefOf({ kind: 'new' })} onClick={linkTo({ kind: 'new' })}>
              {t('orders.new')}
            </a>
          </>
        )}
        <ExportLinks filters={{ ...filters }} />
      </div>
      {canWrite && importing && org.data && <ImportWizard org={org.data} onImported={() => setReload((n) => n + 1)} />}
      <search className="filters">
        <label>
          {t('orders.filter.text')}
          <input type="search" value={filters.q} onChange={set('q')} />
        </label>
        <label>
          {t('orders.filter.from')}
          <input type="date" value={filters.from} onChange={set('from')} />
        </label>
        <label>
          {t('orders.filter.to')}
          <input type="date" value={filters.to} onChange={set('to')} />
        </label>
        <label>
          {t('orders.filter.status')}
          <select value={filters.status} onChange={set('status')}>
            <option value="">{t('orders.filter.anyStatus')}</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
      </search>
      {canWrite && selected.size > 0 && (
        <BulkBar selected={selected} onClear={() => setSelected(new Map())} onDone={() => setReload((n) => n + 1)} />
      )}
      <AsyncState loading={!page && !error} error={error} onRetry={() => setReload((n) => n + 1)}>
        {page && page.total === 0 && (
          <EmptyOrders
            filters={filters}
            onClear={() => {
              setOffset(0);
              setFilters(NO_FILTERS);
            }}
          />
        )}
        {page && page.total > 0 && (
          <>
            <table className="orders">
              <thead>
                <tr>
                  {canWrite && (
                    <th scope="col">
                      <input
                        type="checkbox"
                        aria-label={t('orders.bulk.selectAll')}
                        checked={page.items.every((o) => selected.has(o.id))}
                        onChange={(e) => toggle(page.items, e.target.checked)}
                      />
                    </th>
                  )}
                  <th scope="col">{t('orders.col.ref')}</th>
                  <th scope="col">{t('orders.col.name')}</th>
                  <th scope="col">{t('orders.col.address')}</th>
                  <th scope="col">{t('orders.col.dates')}</th>
                  <th scope="col">{t('orders.col.windows')}</th>
                  <th scope="col">{t('orders.col.status')}</th>
                  <th scope="col">{t('orders.messages')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((o) => (
                  <tr
                    key={o.id}
                    className="order-row"
                    // The reference is the row's link (keyboard, new tab); a click anywhere else
                    // on the row but its controls opens the order too.
                    onClick={(e) => {
                      if ((e.target as HTMLElement).closest('a, input, button, label')) return;
                      linkTo({ kind: 'order', id: o.id, edit: false })(e);
                    }}
                  >
                    {canWrite && (
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('orders.bulk.select', { ref: o.ref })}
                          checked={selected.has(o.id)}
                          onChange={(e) => toggle([o], e.target.checked)}
                        />
                      </td>
                    )}
                    <td>
                      <a
                        href={hrefOf({ kind: 'order', id: o.id, edit: false })}
                        onClick={linkTo({ kind: 'order', id: o.id, edit: false })}
                        title={t('orders.open', { ref: o.ref })}
                      >
                        {o.ref}
                      </a>
                    </td>
                    <td>{o.name}</td>
                    <td>
                      {o.address}
                      {o.pickup && (
                        <span className="pickup-line">
                          {t('orders.pickup.listLine', {
                            address: o.pickup.address || latLon(locale, o.pickup.location.coordinates),
                          })}
                        </span>
                      )}
                    </td>
                    <td>
                      {o.dateFrom === o.dateTo
                        ? localDay(locale, o.dateFrom)
                        : `${localDay(locale, o.dateFrom)} → ${localDay(locale, o.dateTo)}`}
                    </td>
                    <td>{o.timeWindows.map((w) => `${w.start}–${w.end}`).join(', ')}</td>
                    <td>
                      <span className={`status status-${o.status}`}>{statusLabel(t, o.status)}</span>
                    </td>
                    <td>
                      <a
                        href={`/messages?orderId=${o.id}`}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate('messages', `?orderId=${o.id}`);
                        }}
                      >
                        {t('orders.messages')}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="pager">
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                {t('common.previous')}
              </button>
              <span>
                {t('common.pageOf', {
                  from: offset + 1,
                  to: Math.min(offset + PAGE_SIZE, page.total),
                  total: page.total,
                })}
              </span>
              <button
                type="button"
                disabled={offset + PAGE_SIZE >= page.total}
                onClick={() => setOffset(offset + PAGE_SIZE)}
              >
                {t('common.next')}
              </button>
            </div>
          </>
        )}
      </AsyncState>
    </section>
  );
}
