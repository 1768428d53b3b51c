import { type Locale, useI18n } from '../../i18n/i18n.tsx';

/** The language of the app, named in itself; its label is for screen readers (the names say it). */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        <option value="fr">Français</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
