import type { PasswordReset, Role, UserAccount } from '@tournee/shared';
import { useState } from 'react';
import { ApiRequestError, api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';

// Drivers sign in with the link the Fleet screen sends, not as staff: a staff account is not made one here.
const ROLES: Role[] = ['admin', 'dispatcher', 'viewer', 'driver'];

/**
 * One account: its role (changed at once), disable / re-enable and reset password. The two that
 * sign the user out ask first, in the row. A refusal (the last admin) shows on the row.
 */
export function UserRow(props: {
  user: UserAccount;
  isMe: boolean;
  onChanged(): void;
  onPassword(p: { email: string; password: string }): void;
}) {
  const { t, intl } = useI18n();
  const u = props.user;
  const [asking, setAsking] = useState<'disable' | 'reset' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(request: () => Promise<unknown>) {
    setAsking(null);
    setError(null);
    try {
      await request();
    } catch (e) {
      // The last-admin guard in the user's language; anything else as the server says it.
      const lastAdmin = e instanceof ApiRequestError && e.status === 409 && /last enabled admin/.test(e.message);
      setError(lastAdmin ? t('settings.users.lastAdmin', { email: u.email }) : (e as Error).message);
    }
    props.onChanged();
  }
  const post = <T,>(action: string) => api<T>(`/users/${u.id}/${action}`, { method: 'POST' });

  return (
    <tr className={u.disabledAt ? 'disabled' : undefined}>
      <td>
        {u.name || '—'}
        {props.isMe && <span className="you"> {t('settings.users.you')}</span>}
      </td>
      <td>{u.email}</td>
      <td>
        <select
          aria-label={t('settings.users.roleOf', { email: u.email })}
          value={u.role}
          onChange={(e) =>
            void act(() => api(`/users/${u.id}`, { method: 'PATCH', body: JSON.stringify({ role: e.target.value }) }))
          }
        >
          {ROLES.filter((r) => r !== 'driver' || u.role === 'driver').map((r) => (
            <option key={r} value={r}>
              {t(`settings.role.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {u.disabledAt
          ? t('settings.users.disabledOn', { date: new Date(u.disabledAt).toLocaleDateString(intl) })
          : t('settings.users.active')}
      </td>
      <td>
        {asking ? (
          <fieldset className="row-actions confirm" aria-label={t('settings.users.confirm')}>
            <span>
              {t(asking === 'disable' ? 'settings.users.askDisable' : 'settings.users.askReset', { email: u.email })}
            </span>
            <button
              type="button"
              onClick={() =>
                void act(async () => {
                  if (asking === 'disable') {
                    await post('disable');
                    return;
                  }
                  const r = await post<PasswordReset>('reset-password');
                  props.onPassword({ email: u.email, password: r.temporaryPassword });
                })
              }
            >
              {t(asking === 'disable' ? 'settings.users.disable' : 'settings.users.resetPassword')}
            </button>
            <button type="button" onClick={() => setAsking(null)}>
              {t('common.cancel')}
            </button>
          </fieldset>
        ) : (
          <div className="row-actions">
            {u.disabledAt ? (
              <button type="button" onClick={() => void act(() => post('enable'))}>
                {t('settings.users.enable')}
              </button>
            ) : (
              <button type="button" disabled={props.isMe} onClick={() => setAsking('disable')}>
                {t('settings.users.disable')}
              </button>
            )}
            <button type="button" onClick={() => setAsking('reset')}>
              {t('settings.users.resetPassword')}
            </button>
          </div>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}
