import { useI18n } from '../../i18n/i18n.tsx';

/** Placeholder until the screen is built. */
export function RulesPage() {
  const { t } = useI18n();
  return <h1>{t('nav.rules')}</h1>;
}
