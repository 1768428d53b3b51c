import type { RowRules } from '@tournee/shared';
import { type Translate, useI18n } from '../../i18n/i18n.tsx';
import { importFieldLabel } from '../../i18n/labels.ts';
import { numberFormat } from '../../i18n/format.ts';

/*
 * The columns a row run through intake rules shows, wherever it is shown: in the rules' live
 * preview (a sample file, nothing written) and in the import's check and result.
 */

/** A changed field in words: the import's field names, and what rules add beyond them. */
export function fieldLabel(t: Translate, field: string): string {
  if (field === 'hold' || field === 'tags' || field === 'depotId') return t(`rules.field.${field}`);
  return importFieldLabel(t, field);
}

/**
 * The head cells: row, ref, rules, changes. `scope` is given by the import's table only, as it
 * always was (the preview's cells never carried one).
 */
export function RuleRowHeads({ scope }: { scope?: 'col' }) {
  const { t } = useI18n();
  return (
    <>
      <th scope={scope}>{t('rules.preview.row')}</th>
      <th scope={scope}>{t('rules.preview.ref')}</th>
      <th scope={scope}>{t('rules.preview.rules')}</th>
      <th scope={scope}>{t('rules.preview.changes')}</th>
    </>
  );
}

/**
 * One row's cells under {@link RuleRowHeads}: its number, its ref, the rules that fired in the
 * order they ran ("no rule" when none did), and each field they changed, before → after (a flag
 * set reads ✓, an empty value ∅).
 */
export function RuleRowCells({ row }: { row: RowRules }) {
  const { t, locale } = useI18n();
  return (
    <>
      <td>{numberFormat(locale).format(row.row)}</td>
      <td>{row.ref}</td>
      <td>
        {row.rulesApplied.length ? (
          row.rulesApplied.join(', ')
        ) : (
          <span className="muted">{t('rules.preview.noRule')}</span>
        )}
      </td>
      <td>
        {row.changes.length ? (
          <ul className="changes">
            {row.changes.map((c) => (
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
    </>
  );
}
