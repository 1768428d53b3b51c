import type { RowRules } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { RuleRowCells, RuleRowHeads } from '../rules/rule-row-cells.tsx';
import { numberFormat } from '../../i18n/format.ts';

/**
 * The rows intake rules fired on (in the check, what importing would do; after the import, what
 * it did): each row's rules in the order they ran, and the fields they changed, before → after.
 */
export function RulesApplied({ rows, truncated }: { rows: RowRules[] | undefined; truncated?: boolean }) {
  const { t, locale } = useI18n();
  if (!rows?.length) return null;
  const n = (v: number) => numberFormat(locale).format(v);
  return (
    <>
      <table className="orders import-rules" aria-label={t('rules.import.caption', { count: rows.length })}>
        <caption>{t('rules.import.caption', { count: rows.length })}</caption>
        <thead>
          <tr>
            <RuleRowHeads scope="col" />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.row}>
              <RuleRowCells row={r} />
            </tr>
          ))}
        </tbody>
      </table>
      {truncated && <p className="muted">{t('rules.import.truncated', { n: n(rows.length) })}</p>}
    </>
  );
}
