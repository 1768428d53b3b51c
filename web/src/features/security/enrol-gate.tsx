import { useI18n } from '../../i18n/i18n.tsx';
import { LanguageSwitch } from '../layout/language-switch.tsx';
import { TwoFactorPanel } from './two-factor-panel.tsx';
import './security.css';

/** All a user sees whose organisation requires two-factor sign-in before they have set it up. */
export function EnrolGate({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  return (
    <main className="security enrol-gate">
      <h1>{t('security.gate.title')}</h1>
      <p>{t('security.gate.why')}</p>
      <TwoFactorPanel onEnabled={onDone} />
      <LanguageSwitch />
    </main>
  );
}
