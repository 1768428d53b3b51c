import type { AutomationRuleInput, RuleTestResult } from '@tournee/shared';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { RuleRowCells, RuleRowHeads } from './rule-row-cells.tsx';
import { numberFormat } from '../../i18n/format.ts';

/** Waits this long after the last edit before trying the rules again (one request per pause). */
const DEBOUNCE_MS = 400;

/**
 * The live preview: a sample file run through `rules` by POST /api/automation-rules/test
 * (nothing is written), each row before and after; runs again whenever the rules change.
 */
export function RulePreview({
  rules,
  onColumns,
}: {
  rules: AutomationRuleInput[];
  /** The sample's headers, offered as condition fields. */
  onColumns(headers: string[]): void;
}) {
  const { t, locale } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<RuleTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const rulesJson = JSON.stringify(rules);

  useEffect(() => {
    if (!file) return;
    let live = true;
    const timer = setTimeout(async () => {
      setRunning(true);
      const form = new FormData();
      form.append('rules', rulesJson); // fields before the file: the server reads them first
      form.append('file', file, file.name);
      try {
        const res = await api<RuleTestResult>('/automation-rules/test', { method: 'POST', body: form });
        if (!live) return;
        setResult(res);
        setError(null);
        onColumns(res.columns.map((c) => c.header));
      } catch (err) {
        if (live) setError((err as Error).message);
      } finally {
        if (live) setRunning(false);
      }
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [file, rulesJson, onColumns]);

  const n = (v: number) => numberFormat(locale).format(v);
  return (
    <section className="rule-preview" aria-labelledby="rule-preview-title">
      <h2 id="rule-preview-title">{t('rules.preview.title')}</h2>
      <p className="muted">{t('rules.preview.intro')}</p>
      <label>
        {t('rules.preview.file')}
        <input type="file" accept=".csv,.txt,.xlsx,.xlsm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      {running && <p className="muted">{t('rules.preview.running')}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <>
          <p role="status">{t('rules.preview.summary', { matched: n(result.matched), rows: n(result.rows) })}</p>
          {result.truncated && <p className="muted">{t('rules.preview.truncated', { rows: n(result.rows) })}</p>}
          <table className="rule-preview-table">
            <thead>
              <tr>
                <RuleRowHeads />
                <th>{t('rules.preview.check')}</th>
              </tr>
            </thead>
            <tbody>
              {result.results.map((r) => (
                <tr key={r.row} className={r.rulesApplied.length ? 'matched' : undefined}>
                  <RuleRowCells row={r} />
                  <td>
                    {r.errors.length ? (
                      <ul className="error">
                        {r.errors.map((e) => (
                          <li key={`${e.column}:${e.message}`}>
                            {e.column}: {e.message}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      t('rules.preview.ok')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
