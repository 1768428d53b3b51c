import type { Route, Step } from '@tournee/solver';
import { describe, expect, it } from 'vitest';
import { withoutNeedlessDrivingBreaks } from './needless-breaks.ts';

const H = 3600;
const step = (type: Step['type'], arrival: number, serviceS: number, waitingS = 0, id?: string): Step => ({
  type,
  ...(id ? { id } : {}),
  arrival,
  waitingS,
  serviceStart: arrival + waitingS,
  departure: arrival + waitingS + serviceS,
  load: [0],
  distance: 0,
});

/** 08:00 out, a stop at 09:00 (10 min), a 45 min break, a stop at 10:25, back at 11:35. */
function route(breakId: string, travelS = 2 * H): Route {
  const steps = [
    step('start', 8 * H, 0),
    step('job', 9 * H, 600, 0, 'o1'),
    step('break', 9 * H + 600, 2700, 0, breakId),
    step('job', 10 * H + 25 * 60, 600, 0, 'o2'),
    step('end', 11 * H + 35 * 60, 0),
  ];
  return {
    vehicleId: 0,
    vehicle: 0,
    steps,
    cost: 0,
    distance: 0,
    travelS,
    waitingS: 0,
    serviceS: 3900,
    durationS: steps.at(-1)!.arrival - 8 * H,
  };
}

describe('driving breaks a route does not need', () => {
  it('takes out an added driving break on a route that drives less than the limit; the next stop arrives earlier and waits', () => {
    const r = withoutNeedlessDrivingBreaks(route('shift-1#drive0'), 4.5 * H);
    expect(r.steps.map((s) => s.type)).toEqual(['start', 'job', 'job', 'end']);
    const second = r.steps[2]!;
    expect(second.arrival).toBe(10 * H + 25 * 60 - 2700);
    expect(second.serviceStart).toBe(10 * H + 25 * 60);
    expect(second.waitingS).toBe(2700);
    expect(r.steps[3]!.arrival).toBe(11 * H + 35 * 60);
    expect(r.waitingS).toBe(2700);
    expect(r.serviceS).toBe(1200);
  });

  it('ends the route earlier when the break was its last step', () => {
    const base = route('shift-1#drive0');
    const [start, o1, brk, , end] = base.steps as [Step, Step, Step, Step, Step];
    const last = { ...base, steps: [start, o1, brk, { ...end, arrival: brk.departure + 1800 }] };
    last.durationS = brk.departure + 1800 - 8 * H;
    const r = withoutNeedlessDrivingBreaks(last, 4.5 * H);
    expect(r.steps.map((s) => s.type)).toEqual(['start', 'job', 'end']);
    expect(r.steps[2]!.arrival).toBe(o1.departure + 1800);
    expect(r.durationS).toBe(last.durationS - 2700);
  });

  it('keeps the break when the route drives longer than the limit, and keeps the shift’s own breaks', () => {
    expect(withoutNeedlessDrivingBreaks(route('shift-1#drive0', 5 * H), 4.5 * H).steps).toHaveLength(5);
    expect(withoutNeedlessDrivingBreaks(route('shift-1#0'), 4.5 * H).steps).toHaveLength(5);
    expect(withoutNeedlessDrivingBreaks(route('shift-1#drive0'), undefined).steps).toHaveLength(5);
  });
});
