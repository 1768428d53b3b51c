import { useI18n } from '../../i18n/i18n.tsx';

/** Placeholder until the screen is built. */
export function SettingsPage() {
  const { t } = useI18n();
  return <h1>{t('nav.settings')}</h1>;
}
