import { regexProblem, RuleCondition } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { validateRow } from '../orders/import/validate-row.ts';
import { addWorkingDays, compileRules, type EngineRule } from './engine.ts';
import { serviceMappingRule } from './service-mapping.ts';

const header = ['Référence', 'Date', 'Code postal', 'Option de livraison', 'Canal', 'Poids'];
const ctx = { header, dimensions: ['kg'], today: '2026-12-04' }; // a Friday

function row(cells: unknown[]) {
  const record: Record<string, unknown> = { ref: cells[0], date: cells[1], postcode: cells[2], demand_kg: cells[5] };
  return { record, cells };
}

type Then = EngineRule['then'];
/** A rule (named `r` unless said); `then` is given apart, the shape's word for it upsets the linter. */
const rule = (r: Partial<Omit<EngineRule, 'then'>> & Pick<EngineRule, 'when'>, actions: Then): EngineRule => ({
  name: 'r',
  stop: false,
  ...r,
  // biome-ignore lint/suspicious/noThenProperty: `then` is the rule's public shape (issue 16)
  then: actions,
});

describe('intake rule engine', () => {
  it('runs rules in order, a later one seeing what an earlier one set, and stops at a stop rule', () => {
    const engine = compileRules(
      [
        rule(
          { name: 'Paris', when: { all: [{ field: 'postcode', op: 'startsWith', value: '75' }] } },
          { priority: 20 },
        ),
        rule(
          { name: 'Urgent when prioritised', when: { all: [{ field: 'priority', op: 'gt', value: 10 }] }, stop: true },
          { addSkills: ['urgent'] },
        ),
        rule({ name: 'Never reached', when: { all: [] } }, { priority: 1 }),
      ],
      ctx,
    )!;
    const r = row(['A1', '2026-12-07', '75011', 'Standard', 'web', '3']);
    const out = engine.run(r.record, r.cells, true)!;
    expect(out.rulesApplied).toEqual(['Paris', 'Urgent when prioritised']);
    expect(r.record.priority).toBe(20);
    expect(r.record.skills).toBe('urgent');
    expect(out.changes).toEqual([
      { field: 'priority', before: '', after: '20' },
      { field: 'skills', before: '', after: 'urgent' },
    ]);

    const other = row(['A2', '2026-12-07', '69001', 'Standard', 'web', '3']);
    expect(engine.run(other.record, other.cells, false)?.rulesApplied).toEqual(['Never reached']);
  });

  it('matches a regex on a column the import does not map', () => {
    const engine = compileRules(
      [
        rule(
          { name: 'Marketplace', when: { all: [{ field: 'Canal', op: 'regex', value: '^(amazon|cdiscount)-' }] } },
          { tags: ['marketplace'], hold: true },
        ),
      ],
      ctx,
    )!;
    const hit = row(['A1', '2026-12-07', '75011', '', 'CDiscount-FR', '']);
    expect(engine.run(hit.record, hit.cells, false)?.extras).toEqual({
      depotId: null,
      hold: true,
      tags: ['marketplace'],
    });
    const miss = row(['A1', '2026-12-07', '75011', '', 'web', '']);
    expect(engine.run(miss.record, miss.cells, false)).toBeNull();
  });

  it('service mapping turns "Option de livraison = Express" into priority, the date and a skill', () => {
    const input = {
      column: 'Option de livraison',
      value: 'Express',
      // biome-ignore lint/suspicious/noThenProperty: `then` is the rule's public shape (issue 16)
      then: { priority: 90, dateOffsetDays: 0, addSkills: ['express'] },
      stop: false,
    };
    const engine = compileRules([serviceMappingRule(input)], ctx)!;
    const r = row(['A1', '2026-12-09', '75011', 'express', 'web', '2']);
    const out = engine.run(r.record, r.cells, true);
    expect(out?.rulesApplied).toEqual(['Option de livraison = Express']);
    expect(out?.changes).toEqual([
      { field: 'priority', before: '', after: '90' },
      { field: 'skills', before: '', after: 'express' },
      { field: 'date', before: '2026-12-09', after: '2026-12-04' },
    ]);
    const valid = validateRow(r.record, 2, { dimensions: ['kg'], defaultCountry: 'FR', defaultServiceS: 300 });
    expect(valid.ok && valid.row).toMatchObject({
      priority: 90,
      dateFrom: '2026-12-04',
      dateTo: '2026-12-04',
      skills: ['express'],
    });
  });

  it('sets windows, demand, service time and proof as cells that validation then reads', () => {
    const engine = compileRules(
      [
        rule(
          { when: { any: [{ field: 'Poids', op: 'empty' }] } },
          {
            timeWindows: [{ start: '08:00', end: '12:00' }],
            demand: { kg: 5 },
            serviceMin: 10,
            requireProof: ['photo'],
            dateOffsetDays: 1,
          },
        ),
      ],
      ctx,
    )!;
    const r = row(['A1', '2026-12-09', '75011', '', '', '']);
    engine.run(r.record, r.cells, false);
    const valid = validateRow(r.record, 2, {
      dimensions: ['kg'],
      defaultCountry: 'FR',
      defaultServiceS: 300,
      windows: [['tw_start', 'tw_end']],
    });
    expect(valid.ok && valid.row).toMatchObject({
      timeWindows: [{ start: '08:00', end: '12:00' }],
      demand: [5],
      serviceS: 600,
      requireProof: ['photo'],
      dateFrom: '2026-12-07', // Friday + 1 working day = Monday
    });
  });

  it('compares eq, in, contains and lt without regard to case', () => {
    const run = (c: RuleCondition, cells: unknown[]) =>
      compileRules([rule({ when: { all: [c] } }, { priority: 1 })], ctx)!.run(row(cells).record, cells, false) !== null;
    const cells = ['A1', '2026-12-07', '75011', 'Express Plus', 'Web', '2,5'];
    expect(run({ field: 'Canal', op: 'eq', value: 'web' }, cells)).toBe(true);
    expect(run({ field: 'canal', op: 'in', value: ['shop', 'WEB'] }, cells)).toBe(true);
    expect(run({ field: 'Option de livraison', op: 'contains', value: 'plus' }, cells)).toBe(true);
    expect(run({ field: 'Poids', op: 'lt', value: 3 }, cells)).toBe(true);
    expect(run({ field: 'Poids', op: 'gt', value: 3 }, cells)).toBe(false);
    expect(run({ field: 'No such column', op: 'empty' }, cells)).toBe(true);
  });

  it('counts working days over the weekend', () => {
    expect(addWorkingDays('2026-12-04', 0)).toBe('2026-12-04');
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-05', 1)).toBe('2026-12-07');
  });
});

describe('regexProblem', () => {
  it('refuses nested quantifiers, quantified alternations and back-references', () => {
    expect(regexProblem('(a+)+$')).toMatch(/nested/);
    expect(regexProblem('(a|aa)*b')).toMatch(/nested/);
    expect(regexProblem('((ab)*c)+')).toMatch(/nested/);
    expect(regexProblem('(a)\\1')).toMatch(/back-reference/);
    expect(regexProblem('x'.repeat(201))).toMatch(/longer/);
    expect(regexProblem('(')).toMatch(/not a valid/);
  });

  it('accepts ordinary patterns', () => {
    expect(regexProblem('^(75|92|93|94)\\d{3}$')).toBeNull();
    expect(regexProblem('^(amazon|cdiscount)-')).toBeNull();
    expect(regexProblem('[a-z]+-\\d+')).toBeNull();
    expect(regexProblem('(?:ab)?c+')).toBeNull();
  });

  it('is what a condition is checked with', () => {
    expect(RuleCondition.safeParse({ field: 'Canal', op: 'regex', value: '(a+)+' }).success).toBe(false);
  });
});
