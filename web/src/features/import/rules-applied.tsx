import type { RowRules } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { fieldLabel } from '../rules/rule-preview.tsx';

/**
 * The rows intake rules fired on (in the check, what importing would do; after the import, what
 * it did): each row's rules in the order they ran, and the fields they changed, before → after.
 */
export function RulesApplied({ rows, truncated }: { rows: RowRules[] | undefined; truncated?: boolean }) {
  const { t, locale } = useI18n();
  if (!rows?.length) return null;
  const n = (v: number) => new Intl.NumberFormat(locale).format(v);
  return (
    <>
      <table className="orders import-rules" aria-label={t('rules.import.caption', { count: rows.length })}>
        <caption>{t('rules.import.caption', { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rules.preview.row')}</th>
            <th scope="col">{t('rules.preview.ref')}</th>
            <th scope="col">{t('rules.preview.rules')}</th>
            <th scope="col">{t('rules.preview.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.row}>
              <td>{n(r.row)}</td>
              <td>{r.ref}</td>
              <td>{r.rulesApplied.join(', ')}</td>
              <td>
                {r.changes.length ? (
                  <ul className="changes">
                    {r.changes.map((c) => (
                      <li key={c.field}>
                        {fieldLabel(t, c.field)} <s>{c.before || '∅'}</s> →{' '}
                        <strong>{c.after === 'true' ? '✓' : c.after || '∅'}</strong>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">{t('rules.preview.noChange')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {truncated && <p className="muted">{t('rules.import.truncated', { n: n(rows.length) })}</p>}
    </>
  );
}
