import type { AutomationRule } from '@tournee/shared';
import { AutomationRuleInput } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { draftOf, emptyDraft, inputOf, previewRules, ruleInput } from './rule-draft.ts';

const saved: AutomationRule = {
  id: 'a1',
  position: 1,
  name: 'Express',
  enabled: true,
  stop: true,
  when: {
    any: [
      { field: 'Canal', op: 'in', value: ['web', 'shop'] },
      { field: 'Notes', op: 'empty', value: false },
    ],
  },
  // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
  then: { priority: 90, addSkills: ['express'], dateOffsetDays: 0, timeWindows: [{ start: '08:00', end: '12:00' }] },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('rule drafts', () => {
  it('edits a saved rule and gives back the same rule, valid for the API', () => {
    const input = inputOf(draftOf(saved));
    expect(input).toEqual(ruleInput(saved));
    expect(AutomationRuleInput.safeParse(input).success).toBe(true);
  });

  it('leaves out blank actions and conditions without a field', () => {
    const d = { ...emptyDraft(), name: 'Lyon', priority: '20', demand: { kg: '2,5', m3: '' } };
    d.conditions = [
      { field: 'postcode', op: 'startsWith', value: '69' },
      { field: '', op: 'eq', value: '' },
    ];
    expect(inputOf(d)).toEqual({
      name: 'Lyon',
      enabled: true,
      stop: false,
      when: { all: [{ field: 'postcode', op: 'startsWith', value: '69' }] },
      // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
      then: { priority: 20, demand: { kg: 2.5 } },
    });
  });

  it('previews the draft in place of the rule it edits, or after the others when new', () => {
    const edited = { ...draftOf(saved), priority: '10' };
    expect(previewRules([saved], edited)[0]!.then.priority).toBe(10);
    const added = previewRules([saved], { ...emptyDraft(), priority: '5' });
    expect(added.map((r) => r.name)).toEqual(['Express', '…']);
  });
});
