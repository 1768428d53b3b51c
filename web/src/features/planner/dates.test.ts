import { describe, expect, it } from 'vitest';
import { isoWeek, weeksOf } from './dates.ts';

describe('isoWeek', () => {
  it('numbers weeks as ISO 8601 does, across year ends', () => {
    expect(isoWeek('2026-12-01')).toBe(49);
    expect(isoWeek('2026-12-28')).toBe(53);
    expect(isoWeek('2027-01-03')).toBe(53);
    expect(isoWeek('2027-01-04')).toBe(1);
    expect(isoWeek('2024-12-30')).toBe(1);
    expect(isoWeek('2021-01-03')).toBe(53);
  });
});

describe('weeksOf', () => {
  it('cuts 35 days from a Monday into five numbered weeks', () => {
    const days = Array.from({ length: 35 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 10, 30 + i)).toISOString().slice(0, 10),
    }));
    const weeks = weeksOf(days);
    expect(weeks.map((w) => w.week)).toEqual([49, 50, 51, 52, 53]);
    expect(weeks.every((w) => w.days.length === 7)).toBe(true);
  });
});
