/**
 * A rule as the editor holds it (text fields, as typed) and its conversion to and from the
 * API's shape (`AutomationRuleInput`). Kept apart from the form so it can be tested alone.
 */
import type { AutomationRule, AutomationRuleInput, RuleCondition, RuleOp, RuleThen } from '@tournee/shared';

/** `empty` with value false reads "is not empty": the editor shows it as its own test. */
export type EditorOp = RuleOp | 'notEmpty';

export interface DraftCondition {
  field: string;
  op: EditorOp;
  value: string;
}

export interface RuleDraft {
  /** The saved rule being edited, or null for a new one. */
  id: string | null;
  name: string;
  enabled: boolean;
  stop: boolean;
  mode: 'all' | 'any';
  conditions: DraftCondition[];
  priority: string;
  addSkills: string;
  removeSkills: string;
  windowStart: string;
  windowEnd: string;
  dateOffsetDays: string;
  serviceMin: string;
  demand: Record<string, string>;
  depotId: string;
  proof: { photo: boolean; signature: boolean; code: boolean };
  hold: boolean;
  tags: string;
}

export const emptyDraft = (): RuleDraft => ({
  id: null,
  name: '',
  enabled: true,
  stop: false,
  mode: 'all',
  conditions: [{ field: '', op: 'eq', value: '' }],
  priority: '',
  addSkills: '',
  removeSkills: '',
  windowStart: '',
  windowEnd: '',
  dateOffsetDays: '',
  serviceMin: '',
  demand: {},
  depotId: '',
  proof: { photo: false, signature: false, code: false },
  hold: false,
  tags: '',
});

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const num = (s: string) => (s.trim() === '' ? undefined : Number(s.replace(',', '.')));

function conditionOf(c: DraftCondition): RuleCondition {
  if (c.op === 'empty' || c.op === 'notEmpty') return { field: c.field.trim(), op: 'empty', value: c.op === 'empty' };
  if (c.op === 'in') return { field: c.field.trim(), op: 'in', value: list(c.value) };
  if (c.op === 'gt' || c.op === 'lt') return { field: c.field.trim(), op: c.op, value: num(c.value) ?? Number.NaN };
  return { field: c.field.trim(), op: c.op, value: c.value };
}

/** The actions of a draft, leaving out every field left blank. */
export function actionsOf(d: RuleDraft): RuleThen {
  const out: RuleThen = {};
  const priority = num(d.priority);
  if (priority !== undefined) out.priority = priority;
  if (list(d.addSkills).length) out.addSkills = list(d.addSkills);
  if (list(d.removeSkills).length) out.removeSkills = list(d.removeSkills);
  if (d.windowStart && d.windowEnd) out.timeWindows = [{ start: d.windowStart, end: d.windowEnd }];
  const offset = num(d.dateOffsetDays);
  if (offset !== undefined) out.dateOffsetDays = offset;
  const service = num(d.serviceMin);
  if (service !== undefined) out.serviceMin = service;
  const demand = Object.entries(d.demand).filter(([, v]) => v.trim() !== '');
  if (demand.length) out.demand = Object.fromEntries(demand.map(([k, v]) => [k, Number(v.replace(',', '.'))]));
  if (d.depotId) out.depotId = d.depotId;
  const proof = (['photo', 'signature', 'code'] as const).filter((k) => d.proof[k]);
  if (proof.length) out.requireProof = proof;
  if (d.hold) out.hold = true;
  if (list(d.tags).length) out.tags = list(d.tags);
  return out;
}

/** The draft as the API takes it. */
export function inputOf(d: RuleDraft): AutomationRuleInput {
  const conditions = d.conditions.filter((c) => c.field.trim() !== '').map(conditionOf);
  return {
    name: d.name.trim(),
    enabled: d.enabled,
    stop: d.stop,
    when: d.mode === 'all' ? { all: conditions } : { any: conditions },
    // biome-ignore lint/suspicious/noThenProperty: `then` is the rule's public shape (issue 16)
    then: actionsOf(d),
  };
}

const text = (v: unknown) => (v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v));

/** A saved rule, ready to edit. */
export function draftOf(r: AutomationRule): RuleDraft {
  const conditions = 'all' in r.when ? r.when.all : r.when.any;
  const a = r.then;
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    stop: r.stop,
    mode: 'all' in r.when ? 'all' : 'any',
    conditions: conditions.map((c) => ({
      field: c.field,
      op: c.op === 'empty' && c.value === false ? 'notEmpty' : c.op,
      value: c.op === 'empty' ? '' : text(c.value),
    })),
    priority: text(a.priority),
    addSkills: text(a.addSkills),
    removeSkills: text(a.removeSkills),
    windowStart: a.timeWindows?.[0]?.start ?? '',
    windowEnd: a.timeWindows?.[0]?.end ?? '',
    dateOffsetDays: text(a.dateOffsetDays),
    serviceMin: text(a.serviceMin),
    demand: Object.fromEntries(Object.entries(a.demand ?? {}).map(([k, v]) => [k, String(v)])),
    depotId: a.depotId ?? '',
    proof: {
      photo: !!a.requireProof?.includes('photo'),
      signature: !!a.requireProof?.includes('signature'),
      code: !!a.requireProof?.includes('code'),
    },
    hold: !!a.hold,
    tags: text(a.tags),
  };
}

/** A saved rule as the API takes it (to send a whole list to the test endpoint). */
export const ruleInput = (r: AutomationRule): AutomationRuleInput => ({
  name: r.name,
  enabled: r.enabled,
  stop: r.stop,
  when: r.when,
  // biome-ignore lint/suspicious/noThenProperty: `then` is the rule's public shape (issue 16)
  then: r.then,
});

/**
 * The rules to preview: the saved ones in order, with the draft in place of the rule it edits
 * (or after them, for a new rule). A draft without a name is previewed under a placeholder.
 */
export function previewRules(saved: AutomationRule[], draft: RuleDraft | null): AutomationRuleInput[] {
  const rules = saved.map(ruleInput);
  if (!draft) return rules;
  const input = inputOf(draft);
  if (!input.name) input.name = '…';
  const at = saved.findIndex((r) => r.id === draft.id);
  if (at >= 0) rules[at] = input;
  else rules.push(input);
  return rules;
}
