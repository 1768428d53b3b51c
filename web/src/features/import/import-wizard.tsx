import { useState } from 'react';
import { api, query } from '../../api/client.ts';
import { uploadFile } from '../../api/upload.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ImportColumn, ImportResult, Organisation } from '@tournee/shared';
import { importFields, mappingFrom } from './import-fields.ts';
import { ImportWarnings } from './import-warnings.tsx';
import { RejectedRows } from './rejected-rows.tsx';

/** An import's answer; a file that cannot be read at all also carries a top-level error. */
type Answer = ImportResult & { error?: { message: string } };

type Step =
  | { kind: 'choose' }
  | { kind: 'uploading'; fraction: number }
  | { kind: 'map'; file: File; preview: Answer & { preview: string[][] } }
  | { kind: 'done'; result: ImportResult; status: number };

/**
 * Upload → preview and map columns (suggested from the known aliases, remembered for the
 * organisation) → import → every rejected row with its message, to fix and retry.
 */
export function ImportWizard({ org, onImported }: { org: Organisation; onImported(): void }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [partial, setPartial] = useState(false);
  const [chosen, setChosen] = useState<Record<string, string>>(() => rememberedMapping(org));
  const [error, setError] = useState<string | null>(null);
  const fields = importFields(org.dimensions);

  async function send(file: File, dryRun: boolean, mapping: Record<string, string>) {
    setError(null);
    setStep({ kind: 'uploading', fraction: 0 });
    try {
      const q = query({
        dryRun: dryRun ? 'true' : undefined,
        partial: partial ? 'true' : undefined,
        mapping: JSON.stringify(mapping),
      });
      const { status, body } = await uploadFile<Answer>(`/orders/import${q}`, file, (fraction) =>
        setStep({ kind: 'uploading', fraction }),
      );
      if (body.columns.length === 0 && body.error) {
        // The header itself is unusable (say, a demand column for an unknown dimension).
        setError(body.error.message);
        setStep({ kind: 'choose' });
      } else if (dryRun) {
        setChosen((c) => ({ ...Object.fromEntries(body.columns.map((col) => [col.header, col.field ?? ''])), ...c }));
        setStep({ kind: 'map', file, preview: { ...body, preview: body.preview ?? [] } });
      } else {
        setStep({ kind: 'done', result: body, status });
        if (body.committed) onImported();
      }
    } catch (e) {
      setError((e as Error).message);
      setStep({ kind: 'choose' });
    }
  }

  async function confirm(file: File, columns: ImportColumn[]) {
    const mapping = mappingFrom(columns, chosen);
    // Remember the choices for the next file from the same source (best effort).
    await api('/organisation/import-mapping', {
      method: 'PUT',
      body: JSON.stringify({ ...org.importMapping, ...mapping }),
    }).catch(() => {});
    await send(file, false, mapping);
  }

  return (
    <section className="import-wizard" aria-labelledby="import-title">
      <h2 id="import-title">{t('import.title')}</h2>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {(step.kind === 'choose' || step.kind === 'done') && (
        <div className="inline-form">
          <label>
            {t('import.file')}
            <input
              type="file"
              accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void send(file, true, mappingFrom([], {}));
                e.target.value = '';
              }}
            />
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={partial} onChange={(e) => setPartial(e.target.checked)} />
            {t('import.partial')}
          </label>
        </div>
      )}
      {step.kind === 'uploading' && (
        <div>
          <progress max={1} value={step.fraction} aria-label={t('import.progress')} />
          <span>{step.fraction < 1 ? `${Math.round(step.fraction * 100)} %` : t('import.checking')}</span>
        </div>
      )}
      {step.kind === 'map' && (
        <div>
          <p>{t('import.previewSummary', { rows: step.preview.rows, rejected: step.preview.rejected })}</p>
          <div className="scroll-x">
            <table className="orders">
              <thead>
                <tr>
                  {step.preview.columns.map((c) => (
                    <th key={c.header} scope="col">
                      <div>{c.header}</div>
                      <select
                        aria-label={t('import.mapColumn', { column: c.header })}
                        value={chosen[c.header] ?? c.field ?? ''}
                        onChange={(e) => setChosen({ ...chosen, [c.header]: e.target.value })}
                      >
                        <option value="">{t('import.ignore')}</option>
                        {fields.map((f) => (
                          <option key={f} value={f}>
                            {f}
                          </option>
                        ))}
                      </select>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {step.preview.preview.map((cells, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity
                  <tr key={i}>
                    {cells.map((c, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                      <td key={j}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {step.preview.errors.length > 0 && <RejectedRows errors={step.preview.errors} />}
          <ImportWarnings warnings={step.preview.warnings ?? []} truncated={step.preview.warningsTruncated} />
          <div className="inline-form">
            <button type="button" onClick={() => void send(step.file, true, mappingFrom(step.preview.columns, chosen))}>
              {t('import.recheck')}
            </button>
            <button type="submit" onClick={() => void confirm(step.file, step.preview.columns)}>
              {t('import.confirm', { rows: step.preview.rows })}
            </button>
            <button type="button" onClick={() => setStep({ kind: 'choose' })}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {step.kind === 'done' && (
        <div>
          <p role="status">
            {t('import.result', {
              created: step.result.created,
              updated: step.result.updated,
              unchanged: step.result.unchanged,
              rejected: step.result.rejected,
            })}
            {!step.result.committed && ` ${t('import.nothingWritten')}`}
          </p>
          {step.result.errors.length > 0 && <RejectedRows errors={step.result.errors} />}
          <ImportWarnings warnings={step.result.warnings ?? []} truncated={step.result.warningsTruncated} />
          {step.result.rejectedCsv && (
            <a href={step.result.rejectedCsv} download>
              {t('import.downloadRejected')}
            </a>
          )}
        </div>
      )}
    </section>
  );
}

function rememberedMapping(org: Organisation): Record<string, string> {
  return { ...(org.importMapping ?? {}) };
}
