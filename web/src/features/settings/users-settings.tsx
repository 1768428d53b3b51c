import type { CreatedUser, UserAccount } from '@tournee/shared';
import { useState } from 'react';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../auth/session.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { InviteUserForm } from './invite-user-form.tsx';
import { OneTimePassword } from './one-time-password.tsx';
import { UserRow } from './user-row.tsx';

/**
 * The organisation's accounts: invite (a temporary password shown once), change a role, disable
 * and re-enable, reset a password. The server refuses to disable or demote the last admin and
 * says so; that message shows on the row.
 */
export function UsersSettings() {
  const { t } = useI18n();
  const { state } = useSession();
  const me = state.status === 'signed-in' ? state.user : null;
  const users = useApi<{ items: UserAccount[] }>('/users');
  const [secret, setSecret] = useState<{ email: string; password: string; reset: boolean } | null>(null);
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
              <UserRow
                key={u.id}
                user={u}
                isMe={u.id === me?.id}
                onChanged={users.reload}
                onPassword={(p) => setSecret({ ...p, reset: true })}
              />
            ))}
          </tbody>
        </table>
      </AsyncState>
    </div>
  );
}
