import type { CreatedUser, PasswordReset, Role, UserAccount } from '@tournee/shared';
import { useState } from 'react';
import { ApiRequestError, api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../auth/session.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { InviteUserForm } from './invite-user-form.tsx';
import { OneTimePassword } from './one-time-password.tsx';

const ROLES: Role[] = ['admin', 'dispatcher', 'driver'];

/**
 * The organisation's accounts: invite (a temporary password shown once), change a role, disable
 * and re-enable, reset a password. The server refuses to disable or demote the last admin and
 * says so; that message shows on the row.
 */
export function UsersSettings() {
  const { t, intl } = useI18n();
  const { state } = useSession();
  const me = state.status === 'signed-in' ? state.user : null;
  const users = useApi<{ items: UserAccount[] }>('/users');
  const [secret, setSecret] = useState<{ email: string; password: string; reset: boolean } | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);

  async function act(u: UserAccount, request: () => Promise<unknown>) {
    setRowError(null);
    try {
      await request();
    } catch (e) {
      setRowError({ id: u.id, message: refusal(e, u) });
    }
    users.reload();
  }
  // The last-admin guard in the user's language; anything else as the server says it.
  const refusal = (e: unknown, u: UserAccount) =>
    e instanceof ApiRequestError && e.status === 409 && /last enabled admin/.test(e.message)
      ? t('settings.users.lastAdmin', { email: u.email })
      : (e as Error).message;
  const post = <T,>(path: string) => api<T>(path, { method: 'POST' });
  const date = (iso: string) => new Date(iso).toLocaleDateString(intl);

  return (
    <div className="users-settings">
      <InviteUserForm
        onInvited={(u: CreatedUser) => {
          if (u.temporaryPassword) setSecret({ email: u.email, password: u.temporaryPassword, reset: false });
          users.reload();
        }}
      />
      {secret && <OneTimePassword {...secret} onDone={() => setSecret(null)} />}
      <AsyncState loading={users.loading} error={users.error} onRetry={users.reload}>
        <table className="orders users">
          <caption>{t('settings.users.count', { count: users.data?.items.length ?? 0 })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.users.name')}</th>
              <th scope="col">{t('settings.users.email')}</th>
              <th scope="col">{t('settings.users.role')}</th>
              <th scope="col">{t('settings.users.status')}</th>
              <th scope="col">{t('fleet.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.data?.items.map((u) => (
              <tr key={u.id} className={u.disabledAt ? 'disabled' : undefined}>
                <td>
                  {u.name || '—'}
                  {u.id === me?.id && <span className="you"> {t('settings.users.you')}</span>}
                </td>
                <td>{u.email}</td>
                <td>
                  <select
                    aria-label={t('settings.users.roleOf', { email: u.email })}
                    value={u.role}
                    onChange={(e) =>
                      void act(u, () =>
                        api(`/users/${u.id}`, { method: 'PATCH', body: JSON.stringify({ role: e.target.value }) }),
                      )
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`settings.role.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {u.disabledAt
                    ? t('settings.users.disabledOn', { date: date(u.disabledAt) })
                    : t('settings.users.active')}
                </td>
                <td>
                  <div className="row-actions">
                    {u.disabledAt ? (
                      <button type="button" onClick={() => void act(u, () => post(`/users/${u.id}/enable`))}>
                        {t('settings.users.enable')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        disabled={u.id === me?.id}
                        onClick={() => void act(u, () => post(`/users/${u.id}/disable`))}
                      >
                        {t('settings.users.disable')}
                      </button>
                    )}
                    <button
                      type="button"
                      onClick={() =>
                        void act(u, async () => {
                          const r = await post<PasswordReset>(`/users/${u.id}/reset-password`);
                          setSecret({ email: u.email, password: r.temporaryPassword, reset: true });
                        })
                      }
                    >
                      {t('settings.users.resetPassword')}
                    </button>
                  </div>
                  {rowError?.id === u.id && (
                    <p role="alert" className="error">
                      {rowError.message}
                    </p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </AsyncState>
    </div>
  );
}
