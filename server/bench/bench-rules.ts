/**
 * The 5 intake rules of `BENCH_RULES=1 pnpm bench:import`: one of each kind of test (prefix,
 * regex on an unmapped-looking column, number, list, substring), each firing on part of the
 * bench file, with actions that change the rows (so the rows are validated with them).
 */
import type { AutomationRuleInput } from '@tournee/shared';
import type { createPgDb } from '../src/db/pg-adapter.ts';
import { insertRule } from '../src/automation/repo.ts';

const rule = (name: string, when: AutomationRuleInput['when'], actions: AutomationRuleInput['then']) => ({
  name,
  enabled: true,
  stop: false,
  when,
  // biome-ignore lint/suspicious/noThenProperty: `then` is the rule's public shape (issue 16)
  then: actions,
});

export const BENCH_RULES: AutomationRuleInput[] = [
  rule('Presqu’île first', { all: [{ field: 'Code postal', op: 'startsWith', value: '69002' }] }, { priority: 50 }),
  rule(
    'Orders ending in 7',
    { all: [{ field: 'Remarques', op: 'regex', value: '^Commande n°\\d*7$' }] },
    {
      addSkills: ['fridge'],
    },
  ),
  rule('Heavy', { all: [{ field: 'Poids (kg)', op: 'gt', value: 20 }] }, { serviceMin: 10 }),
  rule(
    'Centre',
    {
      all: [
        { field: 'Ville', op: 'eq', value: 'Lyon' },
        { field: 'Code postal', op: 'in', value: ['69001', '69004'] },
      ],
    },
    { tags: ['centre'] },
  ),
  rule(
    'Roux wants a photo',
    { any: [{ field: 'Client', op: 'contains', value: 'roux' }] },
    { requireProof: ['photo'] },
  ),
];

export async function insertBenchRules(db: ReturnType<typeof createPgDb>, orgId: string): Promise<void> {
  for (const r of BENCH_RULES) await insertRule(db, orgId, r);
}
