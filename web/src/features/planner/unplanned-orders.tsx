import type { DayUnplannedOrder, UnassignedOrderWithFigures } from '@tournee/shared';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDate } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { addDays } from '../fleet/week.ts';
import { unplannedFiguresText } from './unplanned-figures.ts';
import { groupByReason, sharesReasons } from './unplanned-groups.ts';
import { unplannedReasonText } from './unplanned-reason.ts';

/** One order on no route: a plan's entry, or the day's (which may not have been tried yet). */
type UnplannedRow = Pick<DayUnplannedOrder, 'orderId' | 'ref' | 'figures'> &
  Partial<Pick<DayUnplannedOrder, 'name' | 'dateFrom' | 'dateTo'>> & { reason: string | null; message: string | null };

/** The orders a finished plan could not place, each with the reason in words: nothing vanishes silently. */
export function UnplannedOrders({ planId, onMoved }: { planId: string; onMoved(): void }) {
  const { t } = useI18n();
  const list = useApi<{ items: UnassignedOrderWithFigures[] }>(`/plans/${planId}/unassigned`);
  const items = list.data?.items ?? [];
  return (
    <AsyncState loading={list.loading} error={list.error} onRetry={list.reload}>
      {items.length > 0 && (
        <UnplannedTable
          caption={t('unplanned.title')}
          items={items}
          onMoved={() => {
            list.reload();
            onMoved();
          }}
        />
      )}
    </AsyncState>
  );
}

/** The day's orders on no route, with the latest plan's reason and its figures; each can move to another day. */
export function DayUnplanned(props: { date: string; items: DayUnplannedOrder[]; onMoved(): void }) {
  const { t } = useI18n();
  if (props.items.length === 0) return <p className="empty">{t('unplanned.none')}</p>;
  return <UnplannedTable caption={t('unplanned.dayTitle')} items={props.items} onMoved={props.onMoved} showDays />;
}

function UnplannedTable(props: { caption: string; items: UnplannedRow[]; onMoved(): void; showDays?: boolean }) {
  const { t, intl } = useI18n();
  const canWrite = useCanWrite();
  const [moving, setMoving] = useState<string | null>(null);
  // Moved orders leave the list at once (a plan's list is its record and would still name them).
  const [moved, setMoved] = useState<ReadonlySet<string>>(new Set());
  const items = props.items.filter((u) => !moved.has(u.orderId));
  // Kept as what happened, not as text: it is worded at each render, in the language of the moment.
  const [note, setNote] = useState<
    { ok: true; ref: string; date: string } | { ok: false; ref: string; reason: string } | null
  >(null);
  const day = (d: string) => formatDate(intl, d, { weekday: 'short', day: 'numeric', month: 'short' });

  async function move(row: UnplannedRow, date: string) {
    try {
      await api(`/orders/${row.orderId}/reschedule`, {
        method: 'POST',
        body: JSON.stringify({ dateFrom: date, dateTo: date }),
      });
      setMoving(null);
      setMoved((m) => new Set(m).add(row.orderId));
      setNote({ ok: true, ref: row.ref, date });
      props.onMoved();
    } catch (e) {
      setNote({ ok: false, ref: row.ref, reason: (e as Error).message });
    }
  }

  const rows = items.map((u) => ({
    u,
    figures: unplannedFiguresText(u.reason, u.figures, t, intl),
    words: u.reason ? unplannedReasonText(u.reason, t, u.message ?? undefined) : t('unplanned.notTried'),
  }));
  const groups = groupByReason(rows, (r) => r.words);
  const grouped = sharesReasons(groups, rows.length);
  // Grouped, the reason is the group's heading; the column stays only for per-order figures.
  const reasonColumn = !grouped || rows.some((r) => r.figures);
  const columns = 2 + (props.showDays ? 2 : 0) + (reasonColumn ? 1 : 0);
  const row = ({ u, figures, words }: (typeof rows)[number]) => (
    <tr key={u.orderId} data-order-ref={u.ref}>
      <td>{u.ref}</td>
      {props.showDays && <td>{u.name}</td>}
      {props.showDays && (
        <td>{u.dateFrom === u.dateTo ? day(u.dateFrom!) : `${day(u.dateFrom!)} – ${day(u.dateTo!)}`}</td>
      )}
      {reasonColumn && (
        <td className="reason">
          {figures ? <strong>{figures}</strong> : grouped ? null : words}
          {figures && !grouped && <small>{words}</small>}
        </td>
      )}
      <td>
        {!canWrite ? null : moving === u.orderId ? (
          <MoveForm row={u} onMove={(d) => void move(u, d)} onCancel={() => setMoving(null)} />
        ) : (
          <button type="button" onClick={() => setMoving(u.orderId)}>
            {t('unplanned.move')}
          </button>
        )}
      </td>
    </tr>
  );

  return (
    <div className="unplanned-orders">
      <table className="orders unplanned" aria-label={props.caption}>
        <caption>
          {props.caption} ({items.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('unplanned.ref')}</th>
            {props.showDays && <th scope="col">{t('unplanned.name')}</th>}
            {props.showDays && <th scope="col">{t('unplanned.days')}</th>}
            {reasonColumn && <th scope="col">{grouped ? t('unplanned.figures') : t('unplanned.reason')}</th>}
            <th scope="col">{t('unplanned.action')}</th>
          </tr>
        </thead>
        {grouped ? (
          groups.map((g) => (
            <tbody key={g.reason} className="reason-group">
              <tr>
                <th scope="rowgroup" colSpan={columns}>
                  {capitalised(g.reason)} <span className="count">{t('count.orders', { count: g.rows.length })}</span>
                </th>
              </tr>
              {g.rows.map(row)}
            </tbody>
          ))
        ) : (
          <tbody>{rows.map(row)}</tbody>
        )}
      </table>
      {note && (
        <p role={note.ok ? 'status' : 'alert'} className={note.ok ? 'ok' : 'error'}>
          {note.ok
            ? t('unplanned.moved', { ref: note.ref, date: day(note.date) })
            : t('unplanned.moveFailed', { ref: note.ref, reason: note.reason })}
        </p>
      )}
    </div>
  );
}

/** A date picker and a confirm button: the order is rescheduled to that one day. */
function MoveForm(props: { row: UnplannedRow; onMove(date: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const [date, setDate] = useState(addDays(props.row.dateTo ?? props.row.dateFrom ?? todayIso(), 1));
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (date) props.onMove(date);
      }}
    >
      <input
        type="date"
        aria-label={t('unplanned.moveTo', { ref: props.row.ref })}
        value={date}
        required
        onChange={(e) => setDate(e.target.value)}
      />
      <button type="submit">{t('unplanned.moveConfirm')}</button>
      <button type="button" onClick={props.onCancel}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

const todayIso = () => new Date().toISOString().slice(0, 10);
