import { describe, expect, it } from 'vitest';
import { groupByReason, sharesReasons } from './unplanned-groups.ts';

describe('groupByReason', () => {
  it('gathers the rows under each reason, in the order the reasons first appear', () => {
    const rows = [
      { ref: 'A', why: 'no route' },
      { ref: 'B', why: 'too heavy' },
      { ref: 'C', why: 'no route' },
    ];
    const groups = groupByReason(rows, (r) => r.why);
    expect(groups.map((g) => [g.reason, g.rows.map((r) => r.ref)])).toEqual([
      ['no route', ['A', 'C']],
      ['too heavy', ['B']],
    ]);
    expect(sharesReasons(groups, rows.length)).toBe(true);
  });

  it('does not group rows whose reasons all differ', () => {
    const rows = ['x', 'y'];
    expect(
      sharesReasons(
        groupByReason(rows, (r) => r),
        rows.length,
      ),
    ).toBe(false);
  });
});
