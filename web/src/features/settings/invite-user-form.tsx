import type { CreatedUser, Role } from '@tournee/shared';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { SaveBar, SettingField } from './setting-field.tsx';
import { useSave } from './use-save.ts';

/** Invites a user: the server makes a temporary password, which the caller shows once. */
export function InviteUserForm({ onInvited }: { onInvited(u: CreatedUser): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('dispatcher');
  const save = useSave();
  const err = save.errors.of;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await save.run(async () => {
      onInvited(await api<CreatedUser>('/users', { method: 'POST', body: JSON.stringify({ email, name, role }) }));
    });
    if (ok) {
      setEmail('');
      setName('');
    }
  }

  return (
    <form className="settings-form invite" aria-label={t('settings.users.invite')} onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('settings.users.invite')}</legend>
        <div className="setting-row">
          <SettingField id="invite-email" label={t('settings.users.email')} error={err('email')}>
            <input
              id="invite-email"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={!!err('email')}
            />
          </SettingField>
          <SettingField id="invite-name" label={t('settings.users.name')} error={err('name')}>
            <input id="invite-name" value={name} onChange={(e) => setName(e.target.value)} />
          </SettingField>
          <SettingField id="invite-role" label={t('settings.users.role')} error={err('role')}>
            <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {(['dispatcher', 'viewer', 'admin'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`settings.role.${r}`)}
                </option>
              ))}
            </select>
          </SettingField>
        </div>
        <small className="hint">{t('settings.users.inviteHint')}</small>
      </fieldset>
      <SaveBar busy={save.busy} saved={false} error={save.errors.general} label={t('settings.users.inviteButton')} />
    </form>
  );
}
