import { useI18n } from '../../i18n/i18n.tsx';
import { PasswordPanel } from './password-panel.tsx';
import { SessionsPanel } from './sessions-panel.tsx';
import { TwoFactorPanel } from './two-factor-panel.tsx';
import './security.css';

/** One's own security: two-factor sign-in, open sessions, password. */
export function SecuritySection() {
  const { t } = useI18n();
  return (
    <div className="security">
      <h1>{t('security.title')}</h1>
      <TwoFactorPanel />
      <SessionsPanel />
      <PasswordPanel />
    </div>
  );
}
