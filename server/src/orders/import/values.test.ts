import { describe, expect, it } from 'vitest';
import { parseDate, parseList, parseNumber, parseTime } from './values.ts';

describe('parseDate', () => {
  it('reads ISO and French JJ/MM/AAAA dates', () => {
    expect(parseDate('2026-03-05')).toBe('2026-03-05');
    expect(parseDate('05/03/2026')).toBe('2026-03-05');
    expect(parseDate('5/3/2026')).toBe('2026-03-05');
    expect(parseDate('05.03.26')).toBe('2026-03-05');
    expect(parseDate('05-03-2026')).toBe('2026-03-05');
  });
  it('reads an XLSX date cell', () => {
    expect(parseDate(new Date(Date.UTC(2026, 2, 5)))).toBe('2026-03-05');
  });
  it('rejects a day that is not in the calendar', () => {
    expect(() => parseDate('31/02/2026')).toThrow(/valid calendar date/);
    expect(() => parseDate('demain')).toThrow(/DD\/MM\/YYYY/);
  });
});

describe('parseTime', () => {
  it('reads 08:00, 8:00, 08h00, 8h and 8h30', () => {
    expect(parseTime('08:00')).toBe('08:00');
    expect(parseTime('8:00')).toBe('08:00');
    expect(parseTime('08h00')).toBe('08:00');
    expect(parseTime('8h')).toBe('08:00');
    expect(parseTime('8h30')).toBe('08:30');
    expect(parseTime('17:45:00')).toBe('17:45');
  });
  it('reads XLSX time cells and day fractions', () => {
    expect(parseTime(new Date(Date.UTC(1899, 11, 30, 14, 30)))).toBe('14:30');
    expect(parseTime(0.5)).toBe('12:00');
  });
  it('rejects 25:00 and words', () => {
    expect(() => parseTime('25:00')).toThrow();
    expect(() => parseTime('midi')).toThrow(/HH:MM/);
  });
});

describe('parseNumber', () => {
  it('reads decimal commas and thousands separators', () => {
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('1 234,5')).toBe(1234.5);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('-4.85')).toBe(-4.85);
    expect(parseNumber(7)).toBe(7);
  });
  it('rejects abc', () => {
    expect(() => parseNumber('abc')).toThrow(/not a number/);
  });
});

describe('parseList', () => {
  it('splits on , ; and | and drops duplicates', () => {
    expect(parseList('frigo, hayon;frigo|')).toEqual(['frigo', 'hayon']);
    expect(parseList('')).toEqual([]);
  });
});
