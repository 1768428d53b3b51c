import { describe, expect, it } from 'vitest';
import { layOutShift, parseWeekdays, shiftHoursProblems } from './shift-hours.ts';

const lunch = { start: '12:00', end: '14:00', durationMin: 30 };

describe('shiftHoursProblems', () => {
  it('accepts 08:00–17:00 with a 30-minute break between 12:00 and 14:00', () => {
    expect(shiftHoursProblems('08:00', '17:00', [lunch])).toEqual([]);
  });

  it('accepts a night shift passing midnight with a break after midnight', () => {
    expect(shiftHoursProblems('22:00', '06:00', [{ start: '01:00', end: '02:00', durationMin: 20 }])).toEqual([]);
  });

  it('refuses an end equal to the start', () => {
    expect(shiftHoursProblems('08:00', '08:00', [])[0]?.path).toEqual(['end']);
  });

  it('refuses a break window starting before the shift', () => {
    const [p] = shiftHoursProblems('08:00', '17:00', [{ start: '07:00', end: '09:00', durationMin: 15 }]);
    expect(p?.path).toEqual(['breaks', 0, 'start']);
    expect(p?.message).toMatch(/outside the shift 08:00–17:00/);
  });

  it('refuses a break window ending after the shift', () => {
    const [p] = shiftHoursProblems('08:00', '17:00', [lunch, { start: '16:00', end: '18:00', durationMin: 15 }]);
    expect(p?.path).toEqual(['breaks', 1, 'end']);
  });

  it('refuses a break window that ends before it starts', () => {
    const [p] = shiftHoursProblems('08:00', '17:00', [{ start: '14:00', end: '12:00', durationMin: 15 }]);
    expect(p?.path).toEqual(['breaks', 0, 'end']);
  });

  it('refuses a break longer than its window', () => {
    const [p] = shiftHoursProblems('08:00', '17:00', [{ start: '12:00', end: '12:30', durationMin: 45 }]);
    expect(p?.path).toEqual(['breaks', 0, 'durationMin']);
    expect(p?.message).toMatch(/45 min does not fit.*30 min/);
  });
});

describe('layOutShift', () => {
  it('keeps local 08:00–17:00 across the Paris spring DST change', () => {
    const before = layOutShift('2027-03-26', '08:00', '17:00', [lunch], 'Europe/Paris');
    const after = layOutShift('2027-03-29', '08:00', '17:00', [lunch], 'Europe/Paris');
    expect(before.startAt.toISOString()).toBe('2027-03-26T07:00:00.000Z');
    expect(before.endAt.toISOString()).toBe('2027-03-26T16:00:00.000Z');
    expect(after.startAt.toISOString()).toBe('2027-03-29T06:00:00.000Z');
    expect(after.breaks[0]).toEqual({
      ...lunch,
      startAt: '2027-03-29T10:00:00.000Z',
      endAt: '2027-03-29T12:00:00.000Z',
    });
  });

  it('ends a night shift on the next day, an hour shorter on the night clocks go forward', () => {
    const s = layOutShift(
      '2027-03-27',
      '22:00',
      '06:00',
      [{ start: '01:00', end: '02:00', durationMin: 20 }],
      'Europe/Paris',
    );
    expect(s.startAt.toISOString()).toBe('2027-03-27T21:00:00.000Z');
    expect(s.endAt.toISOString()).toBe('2027-03-28T04:00:00.000Z');
    expect(s.breaks[0]?.startAt).toBe('2027-03-28T00:00:00.000Z');
  });
});

describe('parseWeekdays', () => {
  it('reads ranges, lists and names in English or French', () => {
    expect(parseWeekdays('Mon–Fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWeekdays('mon-wed, fri')).toEqual([1, 2, 3, 5]);
    expect(parseWeekdays('samedi dimanche')).toEqual([6, 7]);
    expect(parseWeekdays('Fri-Mon')).toEqual([1, 5, 6, 7]);
    expect(parseWeekdays('1,3,5')).toEqual([1, 3, 5]);
  });

  it('answers null for something that is not a weekday', () => {
    expect(parseWeekdays('Mon-Funday')).toBeNull();
    expect(parseWeekdays('8')).toBeNull();
    expect(parseWeekdays('')).toBeNull();
  });
});
