import type { ImportColumn, ImportResult, ImportRulesOutcome } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { importFieldLabel } from '../../i18n/labels.ts';
import { commitPlan } from './commit-text.ts';
import { ImportWarnings } from './import-warnings.tsx';
import { RejectedRows } from './rejected-rows.tsx';
import { RulesApplied } from './rules-applied.tsx';

export interface PreviewProps {
  preview: ImportResult & ImportRulesOutcome & { preview: string[][] };
  fields: string[];
  chosen: Record<string, string>;
  partial: boolean;
  onChoose(header: string, field: string): void;
  onPartial(partial: boolean): void;
  onRecheck(): void;
  onCommit(columns: ImportColumn[]): void;
  onCancel(): void;
}

/**
 * The check step: how each column is read (field names in words), the first rows, the rows that
 * will be refused with their problems, and — when some are bad — the choice to import the good
 * rows alone, next to a button that says what will happen.
 */
export function ImportPreview(p: PreviewProps) {
  const { t } = useI18n();
  const { rows, rejected, columns } = p.preview;
  const plan = commitPlan(t, rows, rejected, p.partial);
  const bad = badPreviewRows(p.preview.preview, columns, p.preview.errors);
  return (
    <div className="import-preview">
      <p>{t('import.previewSummary', { rows, rejected })}</p>
      <div className="scroll-x">
        <table className="orders" aria-label={t('import.previewRows')}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col">
                  <div>{c.header}</div>
                  <select
                    aria-label={t('import.mapColumn', { column: c.header })}
                    value={p.chosen[c.header] ?? c.field ?? ''}
                    onChange={(e) => p.onChoose(c.header, e.target.value)}
                  >
                    <option value="">{t('import.ignore')}</option>
                    {p.fields.map((f) => (
                      <option key={f} value={f}>
                        {importFieldLabel(t, f)}
                      </option>
                    ))}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.preview.preview.map((cells, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity
              <tr key={i} className={bad.has(i) ? 'bad-row' : undefined} title={bad.get(i)}>
                {cells.map((c, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.preview.errors.length > 0 && (
        <RejectedRows errors={p.preview.errors} caption={t('import.badRows', { count: rejected })} />
      )}
      <ImportWarnings warnings={p.preview.warnings ?? []} truncated={p.preview.warningsTruncated} />
      <RulesApplied rows={p.preview.rulesApplied} truncated={p.preview.rulesAppliedTruncated} />
      {rejected > 0 && rejected < rows && (
        <label className="checkbox import-partial">
          <input type="checkbox" checked={p.partial} onChange={(e) => p.onPartial(e.target.checked)} />
          {t('import.choosePartial')}
        </label>
      )}
      <div className="inline-form">
        <button type="button" onClick={p.onRecheck}>
          {t('import.recheck')}
        </button>
        <button type="submit" className="primary" disabled={!plan.enabled} onClick={() => p.onCommit(columns)}>
          {plan.label}
        </button>
        <button type="button" onClick={p.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

/**
 * The preview rows that will be refused, with their problems. A preview row i is the file's row
 * i + 2 (after the header) unless blank rows were skipped before it, so a row counts as bad only
 * when the refused cell's value is also the one the preview shows in that column.
 */
export function badPreviewRows(
  preview: string[][],
  columns: ImportColumn[],
  errors: ImportResult['errors'],
): Map<number, string> {
  const out = new Map<number, string>();
  for (const e of errors) {
    const i = e.row - 2;
    const col = columns.findIndex((c) => c.header === e.column);
    if (i < 0 || i >= preview.length || col < 0 || preview[i]![col] !== e.value) continue;
    out.set(i, [out.get(i), `${e.column}: ${e.message}`].filter(Boolean).join('\n'));
  }
  return out;
}
