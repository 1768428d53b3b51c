import type { AuditEvent, AuditPage as Page, User } from '@tournee/shared';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { actionWords, detailsText } from './audit-details.ts';
import { type AuditFilters, auditQuery, NO_FILTERS } from './audit-query.ts';
import { ENTITY_NAMES, useAuditText } from './audit-text.ts';
import './audit.css';
import { OrderHistoryPanel } from './order-history.tsx';

const PAGE = 50;

/** Admins read the audit trail: filters, the events newest first ("load more"), a CSV export. */
export function AuditPage() {
  const { at, entityName } = useAuditText();
  const { intl, locale, t } = useI18n();
  const users = useApi<{ items: User[] }>('/users');
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [items, setItems] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  // `/audit?order=<id>` opens that order's history (other screens can link to it).
  const [historyOf, setHistoryOf] = useState<string | null>(() => new URLSearchParams(location.search).get('order'));

  const load = useCallback(async (f: AuditFilters, cursor: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api<Page>(`/audit${auditQuery(f, { cursor, limit: PAGE })}`);
      setItems((old) => (cursor ? [...old, ...page.items] : page.items));
      setNext(page.nextCursor);
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load(filters, null);
  }, [filters, load]);

  const set = (k: keyof AuditFilters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft });
  };
  // A failed sign-in was done by nobody signed in; other events without a user are the server's.
  const emailOf = (e: AuditEvent) =>
    e.userEmail ??
    (e.userId ? users.data?.items.find((u) => u.id === e.userId)?.email : null) ??
    (e.action === 'auth.sign_in_failed' ? '—' : at('system'));

  return (
    <section aria-labelledby="audit-title" className="audit">
      <h1 id="audit-title">{at('title')}</h1>
      <p>{at('intro')}</p>
      <form className="filters" aria-label={at('title')} onSubmit={submit}>
        <label>
          {at('entity')}
          <select aria-label={at('entity')} value={draft.entity} onChange={set('entity')}>
            <option value="">{at('anyEntity')}</option>
            {ENTITY_NAMES.map((n) => (
              <option key={n} value={n}>
                {entityName(n)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {at('entityId')}
          <input value={draft.entityId} onChange={set('entityId')} size={14} />
        </label>
        <label>
          {at('user')}
          <select aria-label={at('user')} value={draft.userId} onChange={set('userId')}>
            <option value="">{at('anyUser')}</option>
            {users.data?.items.map((u) => (
              <option key={u.id} value={u.id}>
                {u.email}
              </option>
            ))}
          </select>
        </label>
        <label>
          {at('action')}
          <input value={draft.action} onChange={set('action')} size={14} placeholder="order.update" />
        </label>
        <label>
          {at('from')}
          <input type="date" value={draft.from} onChange={set('from')} />
        </label>
        <label>
          {at('to')}
          <input type="date" value={draft.to} onChange={set('to')} />
        </label>
        <button type="submit">{at('apply')}</button>
        <button
          type="button"
          onClick={() => {
            setDraft(NO_FILTERS);
            setFilters(NO_FILTERS);
          }}
        >
          {at('reset')}
        </button>
        {/* The session cookie goes with the link: the server streams the file. */}
        <a className="button" href={`/api/audit${auditQuery(filters, { format: 'csv' })}`} download>
          {at('csv')}
        </a>
      </form>
      {historyOf && <OrderHistoryPanel key={historyOf} orderId={historyOf} onClose={() => setHistoryOf(null)} />}
      <AsyncState loading={loading && items.length === 0} error={error} onRetry={() => void load(filters, null)}>
        {items.length === 0 && !loading && (
          <p className="empty">{Object.values(filters).some((v) => v.trim()) ? at('empty') : at('emptyAll')}</p>
        )}
        {items.length > 0 && (
          <table className="orders audit-table">
            <caption>{items.length === 1 ? at('shownOne') : at('shown', { n: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{at('when')}</th>
                <th scope="col">{at('user')}</th>
                <th scope="col">{at('action')}</th>
                <th scope="col">{at('entity')}</th>
                <th scope="col">{at('details')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(intl, e.at)}</td>
                  <td>{emailOf(e)}</td>
                  <td>
                    {actionWords(e.action, locale)}
                    <div className="audit-id">
                      <code>{e.action}</code>
                    </div>
                  </td>
                  <td>
                    {entityName(e.entity)}
                    {e.entityId && <div className="audit-id">{e.entityId}</div>}
                    {e.entity === 'order' && e.entityId && (
                      <button type="button" className="link" onClick={() => setHistoryOf(e.entityId)}>
                        {at('history')}
                      </button>
                    )}
                  </td>
                  <td className="audit-details">
                    <code>{detailsText(e.details, locale, t)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncState>
      {items.length > 0 &&
        (next ? (
          <button type="button" disabled={loading} onClick={() => void load(filters, next)}>
            {at('more')}
          </button>
        ) : (
          <p className="empty">{at('end')}</p>
        ))}
    </section>
  );
}
