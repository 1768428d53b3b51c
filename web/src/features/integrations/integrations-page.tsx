import { useI18n } from '../../i18n/i18n.tsx';

/** Placeholder until the screen is built. */
export function IntegrationsPage() {
  const { t } = useI18n();
  return <h1>{t('nav.integrations')}</h1>;
}
