import { describe, expect, it } from 'vitest';
import { weeklyRule } from './round-rule.ts';
import { cronOf } from './schedule-text.ts';

describe('the rules the panels build', () => {
  it('writes the weekdays of a schedule as cron ranges, Sunday as 0', () => {
    expect(cronOf('18:00', [1, 2, 3, 4, 5])).toBe('0 18 * * 1-5');
    expect(cronOf('06:30', [5, 6, 7])).toBe('30 6 * * 0,5,6');
    expect(cronOf('18:00', [1, 2, 3, 4, 5, 6, 7])).toBe('0 18 * * *');
    expect(cronOf('07:05', [2, 4])).toBe('5 7 * * 2,4');
  });

  it('writes a weekly round as an RRULE', () => {
    expect(weeklyRule([5, 2], 1)).toBe('FREQ=WEEKLY;BYDAY=TU,FR');
    expect(weeklyRule([1], 2)).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO');
  });
});
