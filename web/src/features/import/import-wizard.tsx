import type { ImportColumn, ImportResult, ImportRulesOutcome, Organisation } from '@tournee/shared';
import { useState } from 'react';
import { api, query } from '../../api/client.ts';
import { uploadFile } from '../../api/upload.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { importFields, mappingFrom } from './import-fields.ts';
import { ImportPreview } from './import-preview.tsx';
import { ImportWarnings } from './import-warnings.tsx';
import { RejectedCsvLink } from './rejected-csv-link.tsx';
import { RejectedRows } from './rejected-rows.tsx';
import { RulesApplied } from './rules-applied.tsx';

/** An import's answer; a file that cannot be read at all also carries a top-level error. */
type Answer = ImportResult & ImportRulesOutcome & { error?: { message: string } };

type Step =
  | { kind: 'choose' }
  | { kind: 'uploading'; fraction: number }
  | { kind: 'map'; file: File; preview: Answer & { preview: string[][] } }
  | { kind: 'done'; result: Answer; status: number };

/**
 * Upload → check (columns read as fields, suggested from the known aliases and remembered for
 * the organisation; the bad rows with their problems; import the good rows alone or not) →
 * import → every rejected row with its message, to fix and retry.
 */
export function ImportWizard({ org, onImported }: { org: Organisation; onImported(): void }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [partial, setPartial] = useState(false);
  const [chosen, setChosen] = useState<Record<string, string>>(() => ({ ...(org.importMapping ?? {}) }));
  const [error, setError] = useState<string | null>(null);
  const fields = importFields(org.dimensions);

  async function send(file: File, dryRun: boolean, mapping: Record<string, string>) {
    setError(null);
    setStep({ kind: 'uploading', fraction: 0 });
    try {
      // The check always counts as if the good rows were imported alone, so the button can say
      // how many would be; the import itself is partial only when the user chose it.
      const q = query({
        dryRun: dryRun ? 'true' : undefined,
        partial: dryRun || partial ? 'true' : undefined,
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

  const current = step.kind === 'map' ? 2 : step.kind === 'done' ? 3 : 1;
  // First step, and after a result (to import the corrected file, or another).
  const fileInput = (
    <div className="inline-form">
      <label>
        {t('import.file')}
        <input
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Each file is checked afresh: importing the good rows alone is chosen per file.
            setPartial(false);
            if (file) void send(file, true, mappingFrom([], {}));
            e.target.value = '';
          }}
        />
      </label>
    </div>
  );
  return (
    <section className="import-wizard" aria-labelledby="import-title">
      <h2 id="import-title">{t('import.title')}</h2>
      <ol className="import-steps" aria-label={t('import.steps')}>
        {(['import.stepFile', 'import.stepPreview', 'import.stepResult'] as const).map((k, i) => (
          <li key={k} aria-current={current === i + 1 ? 'step' : undefined}>
            {t(k)}
          </li>
        ))}
      </ol>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {step.kind === 'choose' && fileInput}
      {step.kind === 'uploading' && (
        <div>
          <progress max={1} value={step.fraction} aria-label={t('import.progress')} />
          <span>{step.fraction < 1 ? `${Math.round(step.fraction * 100)} %` : t('import.checking')}</span>
        </div>
      )}
      {step.kind === 'map' && (
        <ImportPreview
          preview={step.preview}
          fields={fields}
          chosen={chosen}
          partial={partial}
          onChoose={(header, field) => setChosen({ ...chosen, [header]: field })}
          onPartial={setPartial}
          onRecheck={() => void send(step.file, true, mappingFrom(step.preview.columns, chosen))}
          onCommit={(columns) => void confirm(step.file, columns)}
          onCancel={() => setStep({ kind: 'choose' })}
        />
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
          <RulesApplied rows={step.result.rulesApplied} truncated={step.result.rulesAppliedTruncated} />
          {step.result.rejectedCsv && <RejectedCsvLink href={step.result.rejectedCsv} />}
          {fileInput}
        </div>
      )}
    </section>
  );
}
