import type { AutomationRule, Depot } from '@tournee/shared';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { actionsOf, emptyDraft, type RuleDraft } from './rule-draft.ts';
import { ActionFields } from './rule-editor.tsx';
import { RuleForm } from './rule-form.tsx';

/**
 * Service mapping in one step: a column of the file, a value, and what it means ("Option de
 * livraison = Express → priority 90, today, skill express"). Saved as an ordinary rule.
 */
export function ServiceMappingForm({
  columns,
  dimensions,
  depots,
  onCreated,
  onCancel,
}: {
  columns: string[];
  dimensions: string[];
  depots: Depot[];
  onCreated(rule: AutomationRule): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [column, setColumn] = useState('');
  const [value, setValue] = useState('');
  const [draft, setDraft] = useState<RuleDraft>(emptyDraft);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const create = async () => {
    setSaving(true);
    setError(null);
    try {
      // biome-ignore lint/suspicious/noThenProperty: `then` is the rule's public shape (issue 16)
      const body = { column, value, then: actionsOf(draft), stop: draft.stop };
      onCreated(
        await api<AutomationRule>('/automation-rules/service-mapping', { method: 'POST', body: JSON.stringify(body) }),
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <RuleForm
      title={t('rules.mapping.title')}
      submitLabel={t('rules.mapping.create')}
      onSubmit={() => void create()}
      onCancel={onCancel}
      saving={saving}
      error={error}
      actions={<ActionFields draft={draft} onChange={setDraft} dimensions={dimensions} depots={depots} />}
    >
      <p className="muted">{t('rules.mapping.intro')}</p>
      <div className="rule-head">
        <label>
          {t('rules.mapping.column')}
          <input required list="mapping-columns" value={column} onChange={(e) => setColumn(e.target.value)} />
          <datalist id="mapping-columns">
            {columns.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </label>
        <label>
          {t('rules.mapping.value')}
          <input required value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
      </div>
    </RuleForm>
  );
}
