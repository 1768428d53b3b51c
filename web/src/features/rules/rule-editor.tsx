import type { Depot } from '@tournee/shared';
import { RULE_OPS } from '@tournee/shared';
import { NamedSelect } from '../../components/named-select.tsx';
import { LabelledInput, ValueInput } from '../../components/labelled-input.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { importFieldLabel } from '../../i18n/labels.ts';
import type { DraftCondition, EditorOp, RuleDraft } from './rule-draft.ts';
import { RuleForm } from './rule-form.tsx';

const OPS: EditorOp[] = [...RULE_OPS, 'notEmpty'];

/** The draft's fields typed as free text (numbers too stay text until the rule is saved). */
type TextField =
  | 'priority'
  | 'dateOffsetDays'
  | 'addSkills'
  | 'removeSkills'
  | 'windowStart'
  | 'windowEnd'
  | 'serviceMin'
  | 'tags';

/** The actions part of a rule (shared by the rule editor and the service mapping form). */
export function ActionFields({
  draft,
  onChange,
  dimensions,
  depots,
}: {
  draft: RuleDraft;
  onChange(d: RuleDraft): void;
  dimensions: string[];
  depots: Depot[];
}) {
  const { t } = useI18n();
  const set = <K extends keyof RuleDraft>(k: K, v: RuleDraft[K]) => onChange({ ...draft, [k]: v });
  /** `value` and `onValue` of one of the draft's text fields, to spread on a `ValueInput` or `LabelledInput`. */
  const bind = (k: TextField) => ({ value: draft[k], onValue: (v: string) => set(k, v) });
  return (
    <div className="rule-actions">
      <LabelledInput label={t('rules.editor.priority')} type="number" min={0} max={100} {...bind('priority')} />
      <LabelledInput
        label={t('rules.editor.dateOffset')}
        type="number"
        min={0}
        max={60}
        {...bind('dateOffsetDays')}
        title={t('rules.editor.dateOffsetHint')}
      />
      <LabelledInput label={t('rules.editor.addSkills')} {...bind('addSkills')} title={t('rules.editor.listHint')} />
      <LabelledInput
        label={t('rules.editor.removeSkills')}
        {...bind('removeSkills')}
        title={t('rules.editor.listHint')}
      />
      <fieldset className="rule-window">
        <legend>{t('rules.editor.window')}</legend>
        <ValueInput type="time" aria-label={`${t('rules.editor.window')} 1`} {...bind('windowStart')} />
        –
        <ValueInput type="time" aria-label={`${t('rules.editor.window')} 2`} {...bind('windowEnd')} />
      </fieldset>
      <LabelledInput label={t('rules.editor.serviceMin')} type="number" min={0} {...bind('serviceMin')} />
      {dimensions.map((dim) => (
        <LabelledInput
          key={dim}
          label={importFieldLabel(t, `demand_${dim}`)}
          type="number"
          min={0}
          value={draft.demand[dim] ?? ''}
          onValue={(v) => set('demand', { ...draft.demand, [dim]: v })}
        />
      ))}
      <NamedSelect
        label={t('rules.editor.depot')}
        items={depots}
        none={t('rules.editor.noDepot')}
        value={draft.depotId}
        onChange={(e) => set('depotId', e.target.value)}
      />
      <LabelledInput label={t('rules.editor.tags')} {...bind('tags')} title={t('rules.editor.listHint')} />
      <fieldset className="rule-proof">
        <legend>{t('rules.editor.proof')}</legend>
        {(['photo', 'signature', 'code'] as const).map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={draft.proof[k]}
              onChange={(e) => set('proof', { ...draft.proof, [k]: e.target.checked })}
            />
            {t(`rules.proof.${k}`)}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={draft.hold} onChange={(e) => set('hold', e.target.checked)} />
        {t('rules.editor.hold')}
      </label>
    </div>
  );
}

function ConditionRow({
  c,
  onChange,
  onRemove,
}: {
  c: DraftCondition;
  onChange(c: DraftCondition): void;
  onRemove(): void;
}) {
  const { t } = useI18n();
  const noValue = c.op === 'empty' || c.op === 'notEmpty';
  return (
    <li className="rule-condition">
      <input
        aria-label={t('rules.editor.field')}
        title={t('rules.editor.fieldHint')}
        list="rule-columns"
        value={c.field}
        onChange={(e) => onChange({ ...c, field: e.target.value })}
      />
      <select
        aria-label={t('rules.editor.op')}
        value={c.op}
        onChange={(e) => onChange({ ...c, op: e.target.value as EditorOp })}
      >
        {OPS.map((op) => (
          <option key={op} value={op}>
            {t(`rules.op.${op}`)}
          </option>
        ))}
      </select>
      {!noValue && (
        <input
          aria-label={t('rules.editor.value')}
          title={c.op === 'in' ? t('rules.valueListHint') : undefined}
          value={c.value}
          onChange={(e) => onChange({ ...c, value: e.target.value })}
        />
      )}
      <button type="button" className="link" aria-label={t('rules.editor.removeCondition')} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}

/** The form of one rule: name, when (all/any conditions), then (actions), stop. */
export function RuleEditor({
  draft,
  onChange,
  onSave,
  onCancel,
  saving,
  error,
  columns,
  dimensions,
  depots,
}: {
  draft: RuleDraft;
  onChange(d: RuleDraft): void;
  onSave(): void;
  onCancel(): void;
  saving: boolean;
  error: string | null;
  /** Suggestions for a condition's field: the sample file's columns, then canonical fields. */
  columns: string[];
  dimensions: string[];
  depots: Depot[];
}) {
  const { t } = useI18n();
  const setCondition = (i: number, c: DraftCondition | null) => {
    const next = [...draft.conditions];
    if (c) next[i] = c;
    else next.splice(i, 1);
    onChange({ ...draft, conditions: next });
  };
  const title = draft.id ? t('rules.editor.title') : t('rules.editor.newTitle');
  return (
    <RuleForm
      title={title}
      submitLabel={t('rules.editor.save')}
      onSubmit={onSave}
      onCancel={onCancel}
      saving={saving}
      error={error}
      actions={<ActionFields draft={draft} onChange={onChange} dimensions={dimensions} depots={depots} />}
    >
      <div className="rule-head">
        <label>
          {t('rules.editor.name')}
          <input required value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => onChange({ ...draft, enabled: e.target.checked })}
          />
          {t('rules.editor.enabled')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.stop}
            onChange={(e) => onChange({ ...draft, stop: e.target.checked })}
          />
          {t('rules.editor.stop')}
        </label>
      </div>
      <fieldset>
        <legend>
          {t('rules.editor.when')}{' '}
          <select
            aria-label={t('rules.editor.when')}
            value={draft.mode}
            onChange={(e) => onChange({ ...draft, mode: e.target.value as RuleDraft['mode'] })}
          >
            <option value="all">{t('rules.editor.matchAll')}</option>
            <option value="any">{t('rules.editor.matchAny')}</option>
          </select>
        </legend>
        {draft.conditions.length === 0 && <p className="muted">{t('rules.editor.noCondition')}</p>}
        <datalist id="rule-columns">
          {columns.map((col) => (
            <option key={col} value={col} />
          ))}
        </datalist>
        <ul className="rule-conditions">
          {draft.conditions.map((c, i) => (
            <ConditionRow
              // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place
              key={i}
              c={c}
              onChange={(next) => setCondition(i, next)}
              onRemove={() => setCondition(i, null)}
            />
          ))}
        </ul>
        <button
          type="button"
          onClick={() => onChange({ ...draft, conditions: [...draft.conditions, { field: '', op: 'eq', value: '' }] })}
        >
          {t('rules.editor.addCondition')}
        </button>
      </fieldset>
    </RuleForm>
  );
}
