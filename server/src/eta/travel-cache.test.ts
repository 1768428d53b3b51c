import { describe, expect, it } from 'vitest';
import type { Logger } from '../logger.ts';
import { coordinateTravel, type LonLatPair } from '../travel/travel.ts';
import { createEtaTravel } from './travel-cache.ts';

const points: LonLatPair[] = [
  [4.83, 45.76],
  [4.834, 45.762],
  [4.838, 45.764],
];

/** A logger that keeps its warnings. */
function recordingLog() {
  const warnings: string[] = [];
  const log = {
    warn: (_o: unknown, msg: string) => warnings.push(msg),
    info: () => {},
    error: () => {},
    debug: () => {},
  } as unknown as Logger;
  return { log, warnings };
}

describe('ETA travel', () => {
  it('is the straight-line model without OSRM_URL', async () => {
    const fallback = coordinateTravel();
    const { log } = recordingLog();
    const t = createEtaTravel({ fallback, log });
    expect(await t.forRoute({ id: 'r', version: 1 }, points, [4.8, 45.76], points[0]!)).toBe(fallback);
  });

  it('answers with the straight-line model while OSRM is unreachable, and says so once', async () => {
    const fallback = coordinateTravel();
    const { log, warnings } = recordingLog();
    // retryMs 0: every recompute tries OSRM again, and still only the outage's start is logged.
    const t = createEtaTravel({ osrmUrl: 'http://127.0.0.1:9', fallback, log, timeoutMs: 2000, retryMs: 0 });
    for (let i = 0; i < 3; i++) {
      const travel = await t.forRoute({ id: 'r', version: 1 }, points, [4.8, 45.76], points[0]!);
      expect(travel.timeS([4.8, 45.76], points[0]!)).toBe(fallback.timeS([4.8, 45.76], points[0]!));
      expect(travel.timeS(points[0]!, points[1]!)).toBe(fallback.timeS(points[0]!, points[1]!));
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/OSRM unreachable for live ETAs/);
  });
});
