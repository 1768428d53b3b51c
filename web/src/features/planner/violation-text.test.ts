import type { PlannedRoute, Violation } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { format } from '../../i18n/i18n.tsx';
import { en, fr, type MessageKey } from '../../i18n/messages.ts';
import { stopIndex, violationText } from './violation-text.ts';

const routes = [
  {
    id: 'r1',
    stops: [
      { id: 's1', orderId: 'o1', ref: 'DEMO-0354', kind: 'delivery' },
      { id: 's2', orderId: null, ref: null, kind: 'break' },
    ],
  },
] as unknown as PlannedRoute[];
const stops = stopIndex(routes);
const inEnglish = (key: MessageKey, values?: Record<string, string | number>) => format(en[key], values);
const inFrench = (key: MessageKey, values?: Record<string, string | number>) => format(fr[key], values);

describe('violationText', () => {
  it('names the stop by its order reference, in the app language', () => {
    const late: Violation = { kind: 'late', stopId: 's1', orderId: 'o1', lateS: 14_940, message: 'late at stop 19' };
    expect(violationText(late, stops, inEnglish)).toBe('late at DEMO-0354 by 249 min');
    expect(violationText(late, stops, inFrench)).toBe('en retard à DEMO-0354 de 249 min');
    const lateBreak: Violation = { kind: 'late', stopId: 's2', orderId: null, lateS: 60, message: '' };
    expect(violationText(lateBreak, stops, inFrench)).toBe('pause en retard de 1 min');
  });

  it('finds a new stop by its order, and says "a stop" when it is not on the day', () => {
    const skill: Violation = { kind: 'skill', stopId: null, orderId: 'o1', skill: 'fridge', message: '' };
    expect(violationText(skill, stops, inEnglish)).toBe(
      'DEMO-0354 needs the skill "fridge", which the vehicle does not have',
    );
    const elsewhere: Violation = { kind: 'skill', stopId: null, orderId: 'o9', skill: 'fridge', message: '' };
    expect(violationText(elsewhere, stops, inFrench)).toMatch(/^un arrêt demande/);
  });

  it('formats route limits', () => {
    const capacity: Violation = { kind: 'capacity', dimension: 'kg', load: 912.456, capacity: 800, message: '' };
    expect(violationText(capacity, stops, inEnglish)).toBe('over capacity on kg: 912.46 for 800');
    expect(violationText(capacity, stops, inFrench)).toBe('capacité dépassée en kg : 912.46 pour 800');
    const distance: Violation = { kind: 'max_distance', distanceM: 152_340, max: 150_000, message: '' };
    expect(violationText(distance, stops, inFrench)).toBe('la tournée fait 152.3 km pour 150 km au plus');
  });

  it("falls back to the server's message for a wrong day stored without its dates", () => {
    const old: Violation = { kind: 'wrong_day', stopId: 's1', orderId: 'o1', message: 'stop 3 may only be delivered…' };
    expect(violationText(old, stops, inFrench)).toBe('stop 3 may only be delivered…');
  });

  it("names the drivers' working-time rules and a reloading van's trip, numbers as the language writes them", () => {
    const inFrenchFr = (key: MessageKey, values?: Record<string, string | number>) => format(fr[key], values, 'fr-FR');
    const driving: Violation = { kind: 'driving', drivingHours: 4.75, max: 4.5, message: '' };
    expect(violationText(driving, stops, inEnglish)).toBe('4.8 h of driving without a break, for 4.5 h at most');
    expect(violationText(driving, stops, inFrenchFr)).toBe('4,8 h de conduite sans pause, pour 4,5 h au plus');
    const weekly: Violation = { kind: 'weekly_hours', driver: 'Camille', week: 23, hours: 50, max: 48, message: '' };
    expect(violationText(weekly, stops, inEnglish)).toBe('Camille works 50 h in week 23, for 48 h at most');
    const rest: Violation = { kind: 'daily_rest', driver: 'Camille', restHours: 9.5, min: 11, message: '' };
    expect(violationText(rest, stops, inFrenchFr)).toBe(
      'Camille se repose 9,5 h entre deux services, pour 11 h au moins',
    );
    const trip: Violation = { kind: 'capacity', dimension: 'parcels', load: 3, capacity: 2, trip: 2, message: '' };
    expect(violationText(trip, stops, inEnglish)).toBe('over capacity on parcels on trip 2: 3 for 2');
  });
});
