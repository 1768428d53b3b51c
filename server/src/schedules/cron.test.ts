import { describe, expect, it } from 'vitest';
import { cronProblem, dailyAt, latestTick, nextTick } from './cron.ts';

describe('schedule cron', () => {
  it('names what is wrong with an expression', () => {
    expect(cronProblem('0 18 * * 1-5')).toBeNull();
    expect(cronProblem('0 18 * *')).toMatch(/5 fields/);
    expect(cronProblem('0 99 * * *')).toMatch(/not a valid cron/);
  });

  it('reads the hours in the depot zone, across the spring DST change', () => {
    // 18:00 in Paris is 17:00 UTC in winter, 16:00 UTC once summer time starts (28 March 2027).
    expect(latestTick('0 18 * * *', 'Europe/Paris', new Date('2027-03-01T17:00:00Z')).toISOString()).toBe(
      '2027-03-01T17:00:00.000Z',
    );
    expect(latestTick('0 18 * * *', 'Europe/Paris', new Date('2027-03-01T16:59:00Z')).toISOString()).toBe(
      '2027-02-28T17:00:00.000Z',
    );
    expect(nextTick(dailyAt('06:00'), 'Europe/Paris', new Date('2027-03-27T17:00:00Z')).toISOString()).toBe(
      '2027-03-28T04:00:00.000Z',
    );
  });
});
