import { type Alert, todayIn } from '@tournee/shared';
import { useCallback, useEffect, useState } from 'react';
import { api, query } from '../../api/client.ts';
import { onConnect } from '../../api/reconnect.ts';
import { dispatchSocket } from '../../api/socket.ts';
import { formatTime } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { alertDetail, TYPE_KEYS } from './alert-text.ts';

const localToday = () => todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone);

/**
 * Today's alerts (open and acknowledged), in the header: a button with the count of open ones
 * and a panel listing them with Acknowledge. Loaded once, then kept live by `alert:new`,
 * `alert:acknowledged` and `alert:resolved` from today's day room. The planner leaves the room
 * of a day it stops showing, so the room is joined again (and the list reloaded) every minute
 * and after every reconnection: nothing is lost for longer than that.
 */
export function AlertsInbox() {
  const { t, intl } = useI18n();
  const canWrite = useCanWrite();
  const [date, setDate] = useState(localToday);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api<{ items: Alert[] }>(`/alerts${query({ date })}`).then(
        ({ items }) => setAlerts(items),
        (e: Error) => setError(e.message),
      ),
    [date],
  );

  useEffect(() => {
    const socket = dispatchSocket();
    const join = () => socket.emit('day:join', date, () => void load());
    join();
    const stopConnect = onConnect(socket, () => join());
    const timer = setInterval(() => {
      setDate(localToday());
      join();
    }, 60_000);
    const mine = (a: Alert) => a.localDate === date;
    const upsert = (a: Alert) => mine(a) && setAlerts((list) => [a, ...list.filter((x) => x.id !== a.id)]);
    const drop = (a: Alert) => mine(a) && setAlerts((list) => list.filter((x) => x.id !== a.id));
    socket.on('alert:new', upsert);
    socket.on('alert:acknowledged', upsert);
    socket.on('alert:resolved', drop);
    return () => {
      clearInterval(timer);
      stopConnect();
      socket.off('alert:new', upsert);
      socket.off('alert:acknowledged', upsert);
      socket.off('alert:resolved', drop);
    };
  }, [date, load]);

  async function acknowledge(id: string) {
    setError(null);
    try {
      const a = await api<Alert>(`/alerts/${id}/ack`, { method: 'POST' });
      setAlerts((list) => list.map((x) => (x.id === a.id ? a : x)));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const openCount = alerts.filter((a) => a.status === 'open').length;
  return (
    <div className="alerts-inbox">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="alerts-panel"
        className={openCount > 0 ? 'alerts-button has-open' : 'alerts-button'}
        onClick={() => setOpen((o) => !o)}
      >
        {t('alerts.button', { n: openCount })}
      </button>
      {open && (
        <aside id="alerts-panel" className="alerts-panel" aria-label={t('alerts.title')}>
          <h2>{t('alerts.title')}</h2>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          {alerts.length === 0 && <p className="empty">{t('alerts.empty')}</p>}
          {alerts.length > 0 && openCount === 0 && <p className="empty">{t('alerts.emptyOpen')}</p>}
          <ul>
            {alerts.map((a) => (
              <li key={a.id} className={`alert alert-${a.status}`} data-type={a.type}>
                <strong>{t(TYPE_KEYS[a.type])}</strong>{' '}
                <time dateTime={a.openedAt}>{formatTime(intl, a.openedAt)}</time>
                <div>{alertDetail(a, t, intl)}</div>
                {a.status === 'open' ? (
                  <button type="button" disabled={!canWrite} onClick={() => void acknowledge(a.id)}>
                    {t('alerts.ack')}
                  </button>
                ) : (
                  <span className="status">{t('alerts.acknowledged')}</span>
                )}
              </li>
            ))}
          </ul>
        </aside>
      )}
    </div>
  );
}
