import type { AutomationRule, Depot, Organisation, RuleCondition, RuleThen } from '@tournee/shared';
import { useCallback, useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { saveResource } from '../../api/use-resource-list.ts';
import { type Translate, useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { importFields } from '../import/import-fields.ts';
import { AsyncState } from '../layout/async-state.tsx';
import { draftOf, emptyDraft, inputOf, previewRules, type RuleDraft } from './rule-draft.ts';
import { RuleEditor } from './rule-editor.tsx';
import { RulePreview } from './rule-preview.tsx';
import { ServiceMappingForm } from './service-mapping-form.tsx';

function conditionText(t: Translate, c: RuleCondition): string {
  const op = c.op === 'empty' && c.value === false ? 'notEmpty' : c.op;
  const value =
    c.op === 'empty'
      ? ''
      : ` ${t('rules.quoted', { value: Array.isArray(c.value) ? c.value.join(', ') : String(c.value) })}`;
  return `${c.field} ${t(`rules.op.${op}`)}${value}`;
}

function actionsText(t: Translate, a: RuleThen, depots: Depot[]): string {
  const parts: string[] = [];
  if (a.priority !== undefined) parts.push(t('rules.action.priority', { value: a.priority }));
  if (a.addSkills?.length) parts.push(t('rules.action.addSkills', { value: a.addSkills.join(', ') }));
  if (a.removeSkills?.length) parts.push(t('rules.action.removeSkills', { value: a.removeSkills.join(', ') }));
  if (a.timeWindows?.length)
    parts.push(t('rules.action.timeWindows', { value: a.timeWindows.map((w) => `${w.start}–${w.end}`).join(', ') }));
  if (a.dateOffsetDays === 0) parts.push(t('rules.action.today'));
  else if (a.dateOffsetDays !== undefined) parts.push(t('rules.action.dateOffset', { value: a.dateOffsetDays }));
  if (a.serviceMin !== undefined) parts.push(t('rules.action.serviceMin', { value: a.serviceMin }));
  for (const [dim, v] of Object.entries(a.demand ?? {})) parts.push(t('rules.action.demand', { value: `${v} ${dim}` }));
  if (a.depotId)
    parts.push(t('rules.action.depot', { value: depots.find((d) => d.id === a.depotId)?.name ?? a.depotId }));
  if (a.requireProof?.length)
    parts.push(t('rules.action.requireProof', { value: a.requireProof.map((k) => t(`rules.proof.${k}`)).join(', ') }));
  if (a.hold) parts.push(t('rules.action.hold'));
  if (a.tags?.length) parts.push(t('rules.action.tags', { value: a.tags.join(', ') }));
  return parts.join(', ') || t('rules.action.none');
}

/** "If Canal is “web”, then priority 90, add skill express." */
function ruleText(t: Translate, r: AutomationRule, depots: Depot[]): string {
  const conditions = 'all' in r.when ? r.when.all : r.when.any;
  const joiner = 'all' in r.when ? ' & ' : ' | ';
  const when = conditions.length ? conditions.map((c) => conditionText(t, c)).join(joiner) : t('rules.always');
  return `${t('rules.summary.when', { conditions: when })}, ${t('rules.summary.then', { actions: actionsText(t, r.then, depots) })}`;
}

type Editing = { kind: 'rule'; draft: RuleDraft } | { kind: 'mapping' } | null;

/**
 * Intake rules: the ordered list (enable, move up/down, edit, delete), the rule editor or the
 * service mapping form, and the live preview against a sample file.
 */
export function IntakeRules() {
  const { t } = useI18n();
  const canWrite = useCanWrite();
  const rules = useApi<AutomationRule[]>('/automation-rules');
  const org = useApi<Organisation>('/organisation');
  const depotList = useApi<{ items: Depot[] }>('/depots');
  const depots = depotList.data?.items ?? [];
  const dimensions = org.data?.dimensions ?? [];
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [sampleColumns, setSampleColumns] = useState<string[]>([]);
  const onColumns = useCallback((headers: string[]) => setSampleColumns(headers), []);
  const saved = rules.data ?? [];
  const columns = useMemo(
    () => [...new Set([...sampleColumns, ...importFields(dimensions)])],
    [sampleColumns, dimensions],
  );
  const preview = useMemo(() => previewRules(saved, editing?.kind === 'rule' ? editing.draft : null), [saved, editing]);

  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const move = (i: number, by: -1 | 1) =>
    run(async () => {
      const ids = saved.map((r) => r.id);
      [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
      const next = await api<AutomationRule[]>('/automation-rules/reorder', {
        method: 'POST',
        body: JSON.stringify({ ids }),
      });
      rules.patch(() => next);
    });
  // Shown switched at once (the checkbox follows the click); put back by a reload if refused.
  const toggle = (r: AutomationRule) =>
    run(async () => {
      rules.patch((list) => list.map((x) => (x.id === r.id ? { ...x, enabled: !r.enabled } : x)));
      try {
        const next = await api<AutomationRule>(`/automation-rules/${r.id}`, {
          method: 'PATCH',
          body: JSON.stringify({ enabled: !r.enabled }),
        });
        rules.patch((list) => list.map((x) => (x.id === next.id ? next : x)));
      } catch (err) {
        rules.reload();
        throw err;
      }
    });
  const remove = (r: AutomationRule) =>
    run(async () => {
      if (!confirm(t('rules.confirmDelete', { name: r.name }))) return;
      await api(`/automation-rules/${r.id}`, { method: 'DELETE' });
      rules.patch((list) => list.filter((x) => x.id !== r.id));
    });
  const save = async (draft: RuleDraft) => {
    setSaving(true);
    setError(null);
    try {
      const rule = await saveResource<AutomationRule>('/automation-rules', draft.id, inputOf(draft));
      rules.patch((list) => (draft.id ? list.map((x) => (x.id === rule.id ? rule : x)) : [...list, rule]));
      setEditing(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="intake-rules">
      <p className="muted">{t('rules.intro')}</p>
      {canWrite && (
        <div className="row">
          <button type="button" className="primary" onClick={() => setEditing({ kind: 'rule', draft: emptyDraft() })}>
            {t('rules.new')}
          </button>
          <button type="button" onClick={() => setEditing({ kind: 'mapping' })}>
            {t('rules.newMapping')}
          </button>
        </div>
      )}
      <div className="rules-columns">
        <div>
          <AsyncState loading={rules.loading} error={rules.error} onRetry={rules.reload}>
            {saved.length === 0 ? (
              <p className="muted">{t('rules.empty')}</p>
            ) : (
              <ol className="rule-list" aria-label={t('rules.list')}>
                {saved.map((r, i) => (
                  <li key={r.id} className={r.enabled ? undefined : 'disabled'}>
                    {canWrite && (
                      <div className="rule-order">
                        <button
                          type="button"
                          aria-label={t('rules.moveUp', { name: r.name })}
                          disabled={i === 0}
                          onClick={() => move(i, -1)}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          aria-label={t('rules.moveDown', { name: r.name })}
                          disabled={i === saved.length - 1}
                          onClick={() => move(i, 1)}
                        >
                          ↓
                        </button>
                      </div>
                    )}
                    <div className="rule-text">
                      <strong>
                        {i + 1}. {r.name}
                      </strong>
                      {r.stop && <span className="status">{t('rules.stops')}</span>}
                      <p>{ruleText(t, r, depots)}</p>
                    </div>
                    <label className="check">
                      <input type="checkbox" checked={r.enabled} disabled={!canWrite} onChange={() => toggle(r)} />
                      {t('rules.enabled')}
                    </label>
                    {canWrite && (
                      <>
                        <button type="button" onClick={() => setEditing({ kind: 'rule', draft: draftOf(r) })}>
                          {t('rules.edit')}
                        </button>
                        <button type="button" className="link" onClick={() => remove(r)}>
                          {t('rules.delete')}
                        </button>
                      </>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </AsyncState>
          {error && !editing && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          {editing?.kind === 'rule' && (
            <RuleEditor
              draft={editing.draft}
              onChange={(draft) => setEditing({ kind: 'rule', draft })}
              onSave={() => void save(editing.draft)}
              onCancel={() => setEditing(null)}
              saving={saving}
              error={error}
              columns={columns}
              dimensions={dimensions}
              depots={depots}
            />
          )}
          {editing?.kind === 'mapping' && (
            <ServiceMappingForm
              columns={sampleColumns}
              dimensions={dimensions}
              depots={depots}
              onCreated={(rule) => {
                rules.patch((list) => [...list, rule]);
                setEditing(null);
              }}
              onCancel={() => setEditing(null)}
            />
          )}
        </div>
        <RulePreview rules={preview} onColumns={onColumns} />
      </div>
    </div>
  );
}
