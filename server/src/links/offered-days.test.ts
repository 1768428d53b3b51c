import { describe, expect, it } from 'vitest';
import { type CandidateShift, canCarry, offeredDays, offerState, whyNotOffered, windowsOf } from './offered-days.ts';

const shift = (localDate: string, over: Partial<CandidateShift> = {}): CandidateShift => ({
  localDate,
  depotId: 'lyon',
  timeZone: 'Europe/Paris',
  startLocal: '08:00',
  endLocal: '17:00',
  vehicleSkills: [],
  vehicleCapacity: [100],
  ...over,
});

// Tuesday 1 December 2026, 12:00 in Paris.
const now = new Date('2026-12-01T11:00:00Z');
const order = { skills: [] as string[], demand: [10] };

describe('offeredDays', () => {
  it('offers the days after today on which a serving depot has a shift, in date order', () => {
    const days = offeredDays({
      now,
      depotIds: ['lyon'],
      order,
      shifts: [shift('2026-12-04'), shift('2026-12-02'), shift('2026-12-01'), shift('2026-11-30')],
    });
    expect(days.map((d) => d.date)).toEqual(['2026-12-02', '2026-12-04']);
  });

  it('offers nothing past the 35-day planning horizon', () => {
    const days = offeredDays({
      now,
      depotIds: ['lyon'],
      order,
      shifts: [shift('2027-01-05'), shift('2027-01-06')],
    });
    expect(days.map((d) => d.date)).toEqual(['2027-01-05']);
  });

  it('leaves out shifts of depots that do not serve the order and vehicles that cannot carry it', () => {
    const days = offeredDays({
      now,
      depotIds: ['lyon'],
      order: { skills: ['fridge'], demand: [10] },
      shifts: [
        shift('2026-12-02', { depotId: 'paris', vehicleSkills: ['fridge'] }),
        shift('2026-12-03', { vehicleSkills: [] }),
        shift('2026-12-04', { vehicleSkills: ['fridge'], vehicleCapacity: [5] }),
        shift('2026-12-07', { vehicleSkills: ['fridge', 'tail_lift'] }),
      ],
    });
    expect(days.map((d) => d.date)).toEqual(['2026-12-07']);
  });

  it('counts today in the depot’s zone (past midnight in Paris is still the day before in New York)', () => {
    const lateNight = new Date('2026-12-01T23:30:00Z'); // 00:30 on the 2nd in Paris, 18:30 on the 1st in New York
    const days = offeredDays({
      now: lateNight,
      depotIds: ['lyon', 'ny'],
      order,
      shifts: [shift('2026-12-02'), shift('2026-12-02', { depotId: 'ny', timeZone: 'America/New_York' })],
    });
    expect(days).toEqual([
      {
        date: '2026-12-02',
        windows: [
          { start: '08:00', end: '12:00' },
          { start: '12:00', end: '17:00' },
        ],
      },
    ]);
    expect(
      offeredDays({ now: lateNight, depotIds: ['lyon'], order, shifts: [shift('2026-12-02')] }).map((d) => d.date),
    ).toEqual([]);
  });

  it('does not offer the day the order is already planned on', () => {
    const days = offeredDays({
      now,
      depotIds: ['lyon'],
      order,
      exclude: '2026-12-02',
      shifts: [shift('2026-12-02'), shift('2026-12-03')],
    });
    expect(days.map((d) => d.date)).toEqual(['2026-12-03']);
  });
});

describe('windowsOf', () => {
  it('splits a day into morning and afternoon', () => {
    expect(windowsOf([{ startLocal: '08:00', endLocal: '17:00' }])).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '12:00', end: '17:00' },
    ]);
  });

  it('merges overlapping shifts and keeps a short half with its neighbour', () => {
    expect(
      windowsOf([
        { startLocal: '11:30', endLocal: '15:00' },
        { startLocal: '07:00', endLocal: '09:00' },
        { startLocal: '14:00', endLocal: '18:00' },
      ]),
    ).toEqual([
      { start: '07:00', end: '09:00' },
      { start: '11:30', end: '18:00' },
    ]);
  });

  it('offers a shift past midnight until the end of its day', () => {
    expect(windowsOf([{ startLocal: '20:00', endLocal: '02:00' }])).toEqual([{ start: '20:00', end: '23:59' }]);
  });
});

describe('canCarry', () => {
  it('reads a missing capacity as none, as the planner does', () => {
    expect(canCarry({ vehicleSkills: [], vehicleCapacity: [] }, { skills: [], demand: [1] })).toBe(false);
    expect(canCarry({ vehicleSkills: [], vehicleCapacity: [] }, { skills: [], demand: [] })).toBe(true);
  });
});

describe('whyNotOffered', () => {
  const days = [{ date: '2026-12-02', windows: [{ start: '08:00', end: '12:00' }] }];
  it('names the date when the day is not offered', () => {
    expect(whyNotOffered(days, '2026-12-25', null)?.field).toBe('date');
  });
  it('names the window when the window is not one of the day’s', () => {
    expect(whyNotOffered(days, '2026-12-02', { start: '13:00', end: '15:00' })?.field).toBe('window');
  });
  it('accepts an offered day, with or without one of its windows', () => {
    expect(whyNotOffered(days, '2026-12-02', undefined)).toBeNull();
    expect(whyNotOffered(days, '2026-12-02', { start: '08:00', end: '12:00' })).toBeNull();
  });
});

describe('offerState', () => {
  const route = (status: 'planned' | 'published' | 'in_progress') => ({ status, localDate: '2026-12-02' });
  it('always offers another day after a failed or skipped visit, and again once moved', () => {
    for (const status of ['failed', 'skipped'] as const)
      expect(offerState({ status, visited: true, openRoute: null, beforeStart: false }).allowed).toBe(true);
    expect(offerState({ status: 'imported', visited: true, openRoute: null, beforeStart: false }).allowed).toBe(true);
  });
  it('before the start only when the organisation allows it, never the day already planned', () => {
    const off = offerState({ status: 'dispatched', visited: false, openRoute: route('published'), beforeStart: false });
    expect(off).toEqual({ allowed: false, reason: expect.stringMatching(/not offered/) });
    expect(offerState({ status: 'imported', visited: false, openRoute: null, beforeStart: false }).allowed).toBe(false);
    expect(
      offerState({ status: 'dispatched', visited: false, openRoute: route('published'), beforeStart: true }),
    ).toEqual({
      allowed: true,
      exclude: '2026-12-02',
    });
  });
  it('never once the round has started, after delivery, on hold or cancelled', () => {
    for (const status of ['in_progress', 'delivered', 'on_hold', 'cancelled'] as const) {
      expect(offerState({ status, visited: false, openRoute: route('in_progress'), beforeStart: true }).allowed).toBe(
        false,
      );
    }
  });
});
