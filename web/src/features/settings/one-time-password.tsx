import { useI18n } from '../../i18n/i18n.tsx';

/**
 * A temporary password, shown once: the server keeps only its hash, so the admin copies it now
 * and hands it to the user (who signs in with it).
 */
export function OneTimePassword(props: { email: string; password: string; reset: boolean; onDone(): void }) {
  const { t } = useI18n();
  return (
    <div className="one-time-password" role="status">
      <p>{t(props.reset ? 'settings.users.resetDone' : 'settings.users.invited', { email: props.email })}</p>
      <p>
        {t('settings.users.tempPassword')} <code data-testid="temporary-password">{props.password}</code>{' '}
        <button type="button" onClick={() => void navigator.clipboard?.writeText(props.password)}>
          {t('settings.users.copy')}
        </button>
      </p>
      <p className="hint">{t('settings.users.shownOnce')}</p>
      <button type="button" onClick={props.onDone}>
        {t('settings.users.done')}
      </button>
    </div>
  );
}
