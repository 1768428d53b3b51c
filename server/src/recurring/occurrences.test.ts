import { describe, expect, it } from 'vitest';
import { occurrencesBetween, rruleProblem } from './occurrences.ts';

describe('order template occurrences', () => {
  it('lists every Tuesday and Friday of a range, from the start date', () => {
    expect(occurrencesBetween('FREQ=WEEKLY;BYDAY=TU,FR', '2027-03-03', '2027-03-01', '2027-03-14')).toEqual([
      '2027-03-05',
      '2027-03-09',
      '2027-03-12',
    ]);
  });

  it('keeps the weekdays across the DST change (floating days)', () => {
    expect(occurrencesBetween('RRULE:FREQ=WEEKLY;BYDAY=TU', '2027-03-01', '2027-03-25', '2027-04-02')).toEqual([
      '2027-03-30',
    ]);
  });

  it('refuses rules that are not by days, naming what is wrong', () => {
    expect(rruleProblem('FREQ=WEEKLY;BYDAY=TU,FR', '2027-03-01')).toBeNull();
    expect(rruleProblem('FREQ=HOURLY', '2027-03-01')).toMatch(/by days/);
    expect(rruleProblem('FREQ=SOMETIMES', '2027-03-01')).toMatch(/not a valid RRULE/);
  });
});
