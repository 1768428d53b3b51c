import type { SessionInfo } from '@tournee/shared';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { deviceName } from './device-name.ts';
import { dateTimeFormat } from '../../i18n/format.ts';

/** Open sessions (an admin sees the organisation's): device, address, since, last seen; end one or all others. */
export function SessionsPanel() {
  const { t, intl } = useI18n();
  const sessions = useApi<{ items: SessionInfo[] }>('/auth/sessions');
  const [error, setError] = useState<string | null>(null);
  const when = (iso: string | null) =>
    iso ? dateTimeFormat(intl, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)) : '—';
  const act = async (path: string) => {
    setError(null);
    try {
      await api(path, { method: 'DELETE' });
      sessions.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const many = (sessions.data?.items.length ?? 0) > 1;

  return (
    <section className="security-card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('security.sessions.title')}</h2>
      <AsyncState loading={sessions.loading} error={sessions.error} onRetry={sessions.reload}>
        <table className="sessions">
          <thead>
            <tr>
              <th>{t('security.sessions.user')}</th>
              <th>{t('security.sessions.device')}</th>
              <th>{t('security.sessions.address')}</th>
              <th>{t('security.sessions.created')}</th>
              <th>{t('security.sessions.lastSeen')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sessions.data?.items.map((s) => (
              <tr key={s.id}>
                <td>{s.email}</td>
                <td title={s.device ?? ''}>{deviceName(s.device) ?? t('security.sessions.unknown')}</td>
                <td>{s.address ?? '—'}</td>
                <td>{when(s.createdAt)}</td>
                <td>{when(s.lastSeenAt)}</td>
                <td>
                  {s.current ? (
                    <em>{t('security.sessions.current')}</em>
                  ) : (
                    <button type="button" onClick={() => void act(`/auth/sessions/${s.id}`)}>
                      {t('security.sessions.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {many && (
          <button type="button" onClick={() => void act('/auth/sessions')}>
            {t('security.sessions.revokeOthers')}
          </button>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </AsyncState>
    </section>
  );
}
