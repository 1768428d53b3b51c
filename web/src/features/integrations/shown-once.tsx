import { useI18n } from '../../i18n/i18n.tsx';
import { dateTimeFormat } from '../../i18n/format.ts';

/** A secret the server answers once (an API key, a signing secret, a device key), to copy now. */
export function ShownOnce({ title, value, onDone }: { title: string; value: string; onDone(): void }) {
  const { t } = useI18n();
  return (
    <div className="shown-once" role="status" aria-label={title}>
      <strong>{title}</strong>
      <code data-testid="secret">{value}</code>
      <p>{t('integrations.copyOnce')}</p>
      <button type="button" onClick={onDone}>
        {t('integrations.done')}
      </button>
    </div>
  );
}

/** A date-time in the user's locale, or "never". */
export function When({ at }: { at: string | null }) {
  const { t, intl } = useI18n();
  if (!at) return <span className="muted">{t('integrations.never')}</span>;
  return <time dateTime={at}>{formatWhen(intl, at)}</time>;
}

export const formatWhen = (intl: string, at: string) =>
  dateTimeFormat(intl, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));
