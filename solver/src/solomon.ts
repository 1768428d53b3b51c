/**
 * Solomon / Gehring & Homberger VRPTW reader. Conventions of the literature: Euclidean distances,
 * not rounded; travel time = distance; service must start by the due date; all vehicles identical.
 */
import { ProblemError } from './errors.ts';
import type { Problem } from './types.ts';

export type Objective = 'vehicles' | 'distance';

export interface SolomonInstance {
  name: string;
  vehicles: number;
  capacity: number;
  /** Customer 0 is the depot. */
  customers: { id: number; x: number; y: number; demand: number; ready: number; due: number; service: number }[];
}

export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines.find((l) => l.length > 0) ?? 'instance';
  const vIdx = lines.findIndex((l) => /^NUMBER\s+CAPACITY/i.test(l));
  if (vIdx < 0) throw new ProblemError('solomon', 'no VEHICLE block (NUMBER CAPACITY)');
  const vParts = (lines[vIdx + 1] ?? '').split(/\s+/).map(Number);
  const [vehicles, capacity] = vParts;
  if (!Number.isFinite(vehicles) || !Number.isFinite(capacity))
    throw new ProblemError('solomon.vehicle', 'cannot read vehicle number and capacity');
  const customers: SolomonInstance['customers'] = [];
  const cIdx = lines.findIndex((l) => /^CUST\s+NO/i.test(l));
  for (const l of lines.slice(cIdx + 1)) {
    if (!l) continue;
    const f = l.split(/\s+/).map(Number);
    if (f.length < 7 || f.some((x) => !Number.isFinite(x)))
      throw new ProblemError('solomon.customers', `cannot read line "${l}"`);
    const [id, x, y, demand, ready, due, service] = f as [number, number, number, number, number, number, number];
    customers.push({ id, x, y, demand, ready, due, service });
  }
  if (customers.length < 2) throw new ProblemError('solomon.customers', 'needs a depot and at least one customer');
  return { name, vehicles: vehicles as number, capacity: capacity as number, customers };
}

/**
 * Builds a Problem: one matrix of unrounded Euclidean distances used for both time and distance;
 * cost = distance, plus under the `vehicles` objective a fixed cost per vehicle larger than any
 * possible total distance so that fewer vehicles always win.
 */
export function solomonToProblem(inst: SolomonInstance, objective: Objective = 'vehicles'): Problem {
  const cs = inst.customers;
  const n = cs.length;
  const m: number[][] = cs.map((a) => cs.map((b) => Math.hypot(a.x - b.x, a.y - b.y)));
  let maxD = 0;
  for (const row of m) for (const d of row) maxD = Math.max(maxD, d);
  const depot = cs[0];
  if (!depot) throw new ProblemError('solomon.customers', 'no depot');
  const fixed = objective === 'vehicles' ? Math.ceil(maxD * 2 * n) : 0;
  return {
    matrices: { durations: m, distances: m },
    vehicles: Array.from({ length: inst.vehicles }, (_, i) => ({
      id: i + 1,
      start: 0,
      end: 0,
      timeWindow: [depot.ready, depot.due] as const,
      capacity: [inst.capacity],
      costs: { fixed, perHour: 0, perKm: 1000 },
    })),
    jobs: cs.slice(1).map((c, i) => ({
      id: c.id,
      location: i + 1,
      serviceS: c.service,
      delivery: [c.demand],
      timeWindows: [[c.ready, c.due] as const],
    })),
  };
}
