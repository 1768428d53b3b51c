/**
 * Malformed input must be rejected with a ProblemError naming the field; extreme but valid input
 * must come back within the time limit with a solution the independent checker accepts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ProblemError } from '../src/errors.ts';
import { shutdownWorkers, solve } from '../src/solve.ts';
import type { Problem } from '../src/types.ts';
import { fromVroom } from '../src/vroom.ts';
import { checkSolution } from './checker.ts';
import { lineMatrix, prng } from './helpers.ts';

// These tests break the problem's shape on purpose: any field may hold anything.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Loose = Record<string, any>;

afterAll(() => shutdownWorkers());

const base = (): Problem => ({
  matrices: lineMatrix(4),
  vehicles: [{ id: 'a', start: 0, end: 0, capacity: [5], timeWindow: [0, 1000] }],
  jobs: [
    { id: 1, location: 1, delivery: [1] },
    { id: 2, location: 2, delivery: [1] },
  ],
});

describe('input validation', () => {
  const cases: [string, (p: Loose) => void, RegExp][] = [
    [
      'a vehicle shift ending before it starts',
      (p) => {
        p.vehicles[0].timeWindow = [10, 5];
      },
      /^vehicles\[0\]\.timeWindow: end before start$/,
    ],
    [
      'no vehicles',
      (p) => {
        p.vehicles = [];
      },
      /^vehicles: /,
    ],
    [
      'a location outside the matrix',
      (p) => {
        p.jobs[1].location = 9;
      },
      /^jobs\[1\]\.location: /,
    ],
    [
      'a negative amount',
      (p) => {
        p.jobs[0].delivery = [-1];
      },
      /^jobs\[0\]\.delivery\[0\]: /,
    ],
    [
      'a NaN service time',
      (p) => {
        p.jobs[0].serviceS = Number.NaN;
      },
      /^jobs\[0\]\.serviceS: /,
    ],
    [
      'amount vectors of different lengths',
      (p) => {
        p.jobs[0].delivery = [1, 2];
      },
      /^capacity: /,
    ],
    [
      'duplicate job ids',
      (p) => {
        p.jobs[1].id = 1;
      },
      /^jobs\[1\]\.id: duplicate/,
    ],
    [
      'a ragged matrix',
      (p) => {
        p.matrices.durations[2] = [1, 2];
      },
      /^matrices\.durations\[2\]: /,
    ],
    [
      'a negative matrix entry',
      (p) => {
        p.matrices.durations[1][2] = -4;
      },
      /^matrices\.durations\[1\]\[2\]: /,
    ],
    [
      'a window that is not a pair',
      (p) => {
        p.jobs[0].timeWindows = [[1, 2, 3]];
      },
      /^jobs\[0\]\.timeWindows\[0\]: /,
    ],
    [
      'a priority above 100',
      (p) => {
        p.jobs[0].priority = 101;
      },
      /^jobs\[0\]\.priority: /,
    ],
    [
      'coordinates out of range',
      (p) => {
        delete p.matrices;
        p.vehicles[0].start = [200, 0];
      },
      /^vehicles\[0\]\.start\[0\]: /,
    ],
    [
      'a string capacity',
      (p) => {
        p.vehicles[0].capacity = '5';
      },
      /^vehicles\[0\]\.capacity: /,
    ],
    [
      'a break without windows',
      (p) => {
        p.vehicles[0].breaks = [{ id: 1 }];
      },
      /^vehicles\[0\]\.breaks\[0\]\.timeWindows: /,
    ],
    [
      'a shipment without delivery',
      (p) => {
        p.shipments = [{ pickup: { id: 1, location: 0 } }];
      },
      /^shipments\[0\]\.delivery: /,
    ],
  ];
  for (const [what, mutate, re] of cases) {
    it(`rejects ${what}`, async () => {
      const p = structuredClone(base()) as unknown as Loose;
      mutate(p);
      const err = await solve(p as unknown as Problem, { timeLimitMs: 100 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProblemError);
      expect((err as Error).message).toMatch(re);
    });
  }

  it('names VROOM fields in VROOM input errors', () => {
    expect(() => fromVroom({ vehicles: [{ id: 1, time_window: [10, 5] }], jobs: [] })).toThrow(
      'vehicles[0].time_window: end before start',
    );
  });

  it('rejects garbage of every type without crashing', async () => {
    const rnd = prng(99);
    const junk = [null, 0, -1, 'x', [], {}, [1, 2], { a: 1 }, Number.POSITIVE_INFINITY, true];
    for (let k = 0; k < 200; k++) {
      const p = structuredClone(base()) as unknown as Loose;
      const paths: [Loose, string][] = [
        [p, 'vehicles'],
        [p, 'jobs'],
        [p, 'matrices'],
        [p.vehicles[0], 'capacity'],
        [p.vehicles[0], 'timeWindow'],
        [p.vehicles[0], 'start'],
        [p.jobs[0], 'location'],
        [p.jobs[0], 'timeWindows'],
        [p.jobs[1], 'skills'],
        [p.jobs[1], 'id'],
      ];
      const [obj, key] = paths[Math.floor(rnd() * paths.length)] as [Loose, string];
      obj[key] = junk[Math.floor(rnd() * junk.length)];
      const res = await solve(p as unknown as Problem, { maxIterations: 50, timeLimitMs: 600_000 }).then(
        (s) => {
          checkSolution(p as unknown as Problem, s);
          return 'ok';
        },
        (e: unknown) => (e instanceof ProblemError ? 'rejected' : e),
      );
      expect(['ok', 'rejected']).toContain(res);
    }
  }, 60_000);
});

describe('extreme inputs', () => {
  const extremes: [string, () => Problem][] = [
    ['no jobs at all', () => ({ ...base(), jobs: [] })],
    ['zero capacity', () => ({ ...base(), vehicles: [{ id: 'a', start: 0, end: 0, capacity: [0] }] })],
    [
      'a matrix with every arc missing',
      () => ({
        ...base(),
        matrices: {
          durations: [
            [0, null],
            [null, 0],
          ],
        },
        jobs: [{ id: 1, location: 1 }],
      }),
    ],
    [
      'huge times and amounts',
      () => ({
        matrices: {
          durations: [
            [0, 1e9],
            [1e9, 0],
          ],
          distances: [
            [0, 1e11],
            [1e11, 0],
          ],
        },
        vehicles: [{ id: 'a', start: 0, end: 0, capacity: [1e15], timeWindow: [0, 1e13] }],
        jobs: [{ id: 1, location: 1, delivery: [1e14], serviceS: 1e10, timeWindows: [[0, 1e12]] }],
      }),
    ],
    [
      'many jobs at one place with tight windows',
      () => ({
        matrices: lineMatrix(2),
        vehicles: Array.from({ length: 3 }, (_, i) => ({ id: i, start: 0, end: 0, capacity: [4] })),
        jobs: Array.from({ length: 40 }, (_, i) => ({
          id: i,
          location: 1,
          serviceS: 60,
          delivery: [1],
          timeWindows: [[i * 10, i * 10 + 5]] as [number, number][],
        })),
      }),
    ],
    [
      'a vehicle whose break cannot fit in its shift',
      () => ({
        ...base(),
        vehicles: [
          { id: 'a', start: 0, end: 0, timeWindow: [0, 100], breaks: [{ id: 'b', timeWindows: [[500, 600]] }] },
          { id: 'b', start: 0, end: 0 },
        ],
      }),
    ],
    [
      'an empty skill match and max stops 0',
      () => ({
        ...base(),
        vehicles: [
          { id: 'a', start: 0, end: 0, maxStops: 0 },
          { id: 'b', skills: ['x'], start: 0 },
        ],
        jobs: [{ id: 1, location: 1, skills: ['y'] }],
      }),
    ],
    ['a single vehicle with no start or end', () => ({ ...base(), vehicles: [{ id: 'a' }] })],
  ];
  for (const [what, make] of extremes) {
    it(`handles ${what}`, async () => {
      const p = make();
      // An iteration budget, not a clock: a solve that did not end would fail on the test timeout.
      const sol = await solve(p, { maxIterations: 300, timeLimitMs: 600_000, seed: 1 });
      checkSolution(p, sol);
    });
  }

  it('keeps every random instance feasible (shipments, breaks, skills, windows, open routes)', async () => {
    const rnd = prng(5);
    for (let k = 0; k < 15; k++) {
      const n = 12;
      const m = lineMatrix(n, 7);
      const p: Problem = {
        matrices: m,
        vehicles: Array.from({ length: 3 }, (_, i) => ({
          id: i,
          start: 0,
          end: rnd() < 0.3 ? undefined : 0,
          capacity: [6, 4],
          skills: rnd() < 0.5 ? ['s'] : [],
          timeWindow: [0, 400] as const,
          maxStops: 6,
          breaks:
            rnd() < 0.5 ? [{ id: `b${i}`, timeWindows: [[100, 160]] as [number, number][], serviceS: 20 }] : undefined,
        })),
        jobs: Array.from({ length: 8 }, (_, j) => ({
          id: j,
          location: 1 + Math.floor(rnd() * (n - 1)),
          serviceS: 10,
          setupS: rnd() < 0.3 ? 5 : 0,
          delivery: [Math.floor(rnd() * 3), 0],
          pickup: [0, Math.floor(rnd() * 2)],
          skills: rnd() < 0.2 ? ['s'] : [],
          timeWindows: rnd() < 0.5 ? ([[Math.floor(rnd() * 200), 400]] as [number, number][]) : undefined,
          priority: Math.floor(rnd() * 3),
        })),
        shipments: Array.from({ length: 2 }, (_, j) => ({
          pickup: { id: `p${j}`, location: 1 + Math.floor(rnd() * (n - 1)) },
          delivery: { id: `d${j}`, location: 1 + Math.floor(rnd() * (n - 1)) },
          amount: [1, 1],
        })),
      };
      const sol = await solve(p, { maxIterations: 500, timeLimitMs: 600_000, seed: k });
      checkSolution(p, sol);
    }
  }, 60_000);
});
