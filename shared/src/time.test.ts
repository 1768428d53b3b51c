import { describe, expect, it } from 'vitest';
import {
  addDays,
  datesInRange,
  daysBetween,
  formatMinutes,
  isLocalDate,
  isLocalTime,
  isoWeekday,
  isValidTimeZone,
  localMinutesToUtc,
  localToUtc,
  minutesOfDay,
  todayIn,
  utcToLocal,
  zoneOffsetMinutes,
} from './time.ts';

const iso = (d: Date) => d.toISOString();

describe('calendar dates', () => {
  it('accepts real dates and refuses impossible ones', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(isLocalDate('2027-13-01')).toBe(false);
    expect(isLocalDate('27-03-01')).toBe(false);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2027-03-31', 1)).toBe('2027-04-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(daysBetween('2027-03-22', '2027-04-02')).toBe(11);
  });

  it('numbers weekdays the ISO way, Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2027-03-22')).toBe(1);
    expect(isoWeekday('2027-03-28')).toBe(7);
  });

  it('lists the Mondays to Fridays of a range', () => {
    const days = datesInRange('2027-03-22', '2027-04-02', [1, 2, 3, 4, 5]);
    expect(days).toHaveLength(10);
    expect(days).not.toContain('2027-03-27');
    expect(days).not.toContain('2027-03-28');
    expect(datesInRange('2027-03-02', '2027-03-01')).toEqual([]);
  });
});

describe('wall-clock times', () => {
  it('reads and writes HH:MM', () => {
    expect(isLocalTime('08:00')).toBe(true);
    expect(isLocalTime('24:00')).toBe(false);
    expect(isLocalTime('8:00')).toBe(false);
    expect(minutesOfDay('17:30')).toBe(1050);
    expect(formatMinutes(1050)).toBe('17:30');
    expect(formatMinutes(1500)).toBe('01:00');
  });
});

describe('time zones', () => {
  it('knows IANA zones and refuses made-up names and fixed offsets', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidTimeZone('Europe/Lyon')).toBe(false);
    expect(isValidTimeZone('+01:00')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('gives the offset in minutes, including half-hour zones', () => {
    expect(zoneOffsetMinutes(new Date('2027-07-01T12:00:00Z'), 'Europe/Paris')).toBe(120);
    expect(zoneOffsetMinutes(new Date('2027-01-01T12:00:00Z'), 'Europe/Paris')).toBe(60);
    expect(zoneOffsetMinutes(new Date('2027-01-01T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });

  it('keeps 08:00 in Paris at 07:00 UTC in winter and 06:00 UTC in summer time', () => {
    expect(iso(localToUtc('2027-03-26', '08:00', 'Europe/Paris'))).toBe('2027-03-26T07:00:00.000Z');
    expect(iso(localToUtc('2027-03-28', '08:00', 'Europe/Paris'))).toBe('2027-03-28T06:00:00.000Z');
    expect(iso(localToUtc('2027-03-29', '08:00', 'Europe/Paris'))).toBe('2027-03-29T06:00:00.000Z');
    expect(iso(localToUtc('2027-11-02', '17:00', 'Europe/Paris'))).toBe('2027-11-02T16:00:00.000Z');
  });

  it('answers a conversion made before the same way, as a date of its own', () => {
    const first = localToUtc('2027-03-26', '08:00', 'Europe/Paris');
    first.setUTCHours(0); // a caller changing its date must not change the next answer
    const again = localToUtc('2027-03-26', '08:00', 'Europe/Paris');
    expect(again).not.toBe(first);
    expect(iso(again)).toBe('2027-03-26T07:00:00.000Z');
    // Another zone, the same date and time: not the same instant.
    expect(iso(localToUtc('2027-03-26', '08:00', 'America/New_York'))).toBe('2027-03-26T12:00:00.000Z');
  });

  it('moves a wall time skipped by spring forward past the gap', () => {
    expect(iso(localToUtc('2027-03-28', '02:30', 'Europe/Paris'))).toBe('2027-03-28T01:30:00.000Z');
    expect(utcToLocal(new Date('2027-03-28T01:30:00Z'), 'Europe/Paris').localTime).toBe('03:30');
  });

  it('takes the first of the two 02:30s of fall back', () => {
    expect(iso(localToUtc('2027-10-31', '02:30', 'Europe/Paris'))).toBe('2027-10-31T00:30:00.000Z');
  });

  it('converts instants back to local date and time', () => {
    expect(utcToLocal(new Date('2027-03-28T22:30:00Z'), 'Europe/Paris')).toEqual({
      localDate: '2027-03-29',
      localTime: '00:30',
    });
    expect(utcToLocal(new Date('2027-03-01T03:00:00Z'), 'America/New_York')).toEqual({
      localDate: '2027-02-28',
      localTime: '22:00',
    });
    expect(todayIn('Pacific/Kiritimati', new Date('2027-01-01T11:00:00Z'))).toBe('2027-01-02');
  });

  it('round-trips every quarter hour of the Paris DST days', () => {
    for (const date of ['2027-03-28', '2027-10-31']) {
      for (let m = 0; m < 1440; m += 15) {
        const t = formatMinutes(m);
        if (date === '2027-03-28' && t >= '02:00' && t < '03:00') continue; // does not exist
        expect(utcToLocal(localToUtc(date, t, 'Europe/Paris'), 'Europe/Paris')).toEqual({
          localDate: date,
          localTime: t,
        });
      }
    }
  });

  it('counts minutes past midnight onto the next day', () => {
    expect(iso(localMinutesToUtc('2027-03-27', 22 * 60, 'Europe/Paris'))).toBe('2027-03-27T21:00:00.000Z');
    expect(iso(localMinutesToUtc('2027-03-27', 30 * 60, 'Europe/Paris'))).toBe('2027-03-28T04:00:00.000Z');
  });
});
