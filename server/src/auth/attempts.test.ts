import { describe, expect, it } from 'vitest';
import { admitsAttempt } from './service.ts';

describe('admitsAttempt', () => {
  const limit = 5;
  it('admits attempts while the account has fewer failures than the limit', () => {
    expect(admitsAttempt({ byEmail: 4, byEmailIp: 4, byIp: 4 }, limit)).toBe(true);
  });

  it('refuses the address that used up the account budget', () => {
    expect(admitsAttempt({ byEmail: 5, byEmailIp: 5, byIp: 5 }, limit)).toBe(false);
  });

  it('still gives one try to an address with no failure for the account', () => {
    expect(admitsAttempt({ byEmail: 50, byEmailIp: 0, byIp: 0 }, limit)).toBe(true);
    expect(admitsAttempt({ byEmail: 50, byEmailIp: 1, byIp: 1 }, limit)).toBe(false);
  });

  it('refuses an address past four times the limit, whatever the account', () => {
    expect(admitsAttempt({ byEmail: 0, byEmailIp: 0, byIp: 20 }, limit)).toBe(false);
  });
});
