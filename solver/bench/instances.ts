/**
 * Benchmark inputs: the literature sets read in place from ../shared/bench (never copied), a
 * CVRPLIB reader, and two generated instances (seeded, so every run measures the same thing).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseSolomon, solomonToProblem, type Objective } from '../src/solomon.ts';
import type { Job, Problem, Vehicle } from '../src/types.ts';
import { prng } from '../test/prng.ts';

export const BENCH_DIR = new URL('../../../shared/bench/', import.meta.url).pathname;

export interface Bks {
  vehicles: number;
  distance: number;
}

export function readBks(file: string): Map<string, Bks> {
  const out = new Map<string, Bks>();
  const lines = readFileSync(join(BENCH_DIR, file), 'utf8').trim().split(/\r?\n/).slice(1);
  for (const l of lines) {
    const [name, v, d] = l.split(',');
    if (name) out.set(name.toLowerCase(), { vehicles: Number(v), distance: Number(d) });
  }
  return out;
}

export function listInstances(folder: string, ext: string): { name: string; path: string }[] {
  return readdirSync(join(BENCH_DIR, folder))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => ({ name: f.slice(0, -ext.length), path: join(BENCH_DIR, folder, f) }));
}

export function solomonProblem(path: string, objective: Objective): Problem {
  return solomonToProblem(parseSolomon(readFileSync(path, 'utf8')), objective);
}

/** CVRPLIB (TSPLIB) reader: EUC_2D rounded to the nearest integer, as the X set's BKS use. */
export function cvrpProblem(path: string, vehicles: number): Problem {
  const text = readFileSync(path, 'utf8');
  const cap = Number(/CAPACITY\s*:\s*(\d+)/.exec(text)?.[1]);
  const section = (name: string) => {
    const start = text.indexOf(name);
    const rows: number[][] = [];
    for (const l of text.slice(start).split(/\r?\n/).slice(1)) {
      const f = l.trim().split(/\s+/).map(Number);
      if (f.length < 2 || f.some((x) => !Number.isFinite(x))) break;
      rows.push(f);
    }
    return rows;
  };
  const coords = section('NODE_COORD_SECTION');
  const demand = section('DEMAND_SECTION');
  const depot = (section('DEPOT_SECTION')[0]?.[0] ?? 1) - 1;
  const m = coords.map((a) =>
    coords.map((b) => Math.round(Math.hypot((a[1] ?? 0) - (b[1] ?? 0), (a[2] ?? 0) - (b[2] ?? 0)))),
  );
  const jobs: Job[] = [];
  coords.forEach((_, i) => {
    if (i !== depot) jobs.push({ id: i + 1, location: i, delivery: [demand[i]?.[1] ?? 0] });
  });
  return {
    matrices: { durations: m, distances: m },
    vehicles: Array.from(
      { length: vehicles },
      (_, i): Vehicle => ({ id: i, start: depot, end: depot, capacity: [cap], costs: { perHour: 0, perKm: 1000 } }),
    ),
    jobs,
  };
}

/** 10,000 stops around Paris, 300 vehicles, coordinate mode; half the stops have a 2-hour window. */
export function bigCityProblem(stops = 10000, vehicles = 300, seed = 7): Problem {
  const rnd = prng(seed);
  const depot: [number, number] = [2.35, 48.86];
  const h = 3600;
  const jobs: Job[] = Array.from({ length: stops }, (_, i) => {
    // Clustered: 70% around 40 centres, 30% uniform over ~40 km.
    const c = Math.floor(rnd() * 40);
    const cx = 2.35 + Math.sin(c * 12.9898) * 0.25;
    const cy = 48.86 + Math.cos(c * 78.233) * 0.15;
    const clustered = rnd() < 0.7;
    const lon = clustered ? cx + (rnd() - 0.5) * 0.04 : 2.35 + (rnd() - 0.5) * 0.55;
    const lat = clustered ? cy + (rnd() - 0.5) * 0.03 : 48.86 + (rnd() - 0.5) * 0.35;
    const windowed = rnd() < 0.5;
    const s = 8 * h + Math.floor(rnd() * 8) * h;
    return {
      id: i,
      location: [lon, lat] as const,
      serviceS: 180,
      delivery: [1 + Math.floor(rnd() * 3)],
      timeWindows: windowed ? [[s, s + 2 * h] as const] : undefined,
    };
  });
  return {
    speedModel: { speedMps: 8.33, circuity: 1.3 },
    vehicles: Array.from(
      { length: vehicles },
      (_, i): Vehicle => ({
        id: i,
        start: depot,
        end: depot,
        capacity: [100],
        timeWindow: [7 * h, 19 * h],
        costs: { fixed: 0, perHour: 3600 },
      }),
    ),
    jobs,
  };
}

/** Five weeks: 40 vehicles × 35 days = 1,400 shift routes; 8,000 jobs on 1–5 allowed days, 2-hour windows. */
export function fiveWeekProblem(seed = 11): Problem {
  const rnd = prng(seed);
  const h = 3600;
  const day = 24 * h;
  const depot: [number, number] = [4.85, 45.76];
  const vehicles: Vehicle[] = [];
  for (let d = 0; d < 35; d++) {
    for (let v = 0; v < 40; v++) {
      vehicles.push({
        id: `v${v}-d${d}`,
        start: depot,
        end: depot,
        capacity: [40],
        timeWindow: [d * day + 8 * h, d * day + 17 * h],
        costs: { fixed: 0, perHour: 3600 },
      });
    }
  }
  const jobs: Job[] = Array.from({ length: 8000 }, (_, i) => {
    const k = 1 + Math.floor(rnd() * 5);
    const days = new Set<number>();
    while (days.size < k) days.add(Math.floor(rnd() * 35));
    const windows = [...days]
      .sort((a, b) => a - b)
      .map((d) => {
        const s = d * day + 8 * h + Math.floor(rnd() * 14) * 1800;
        return [s, s + 2 * h] as const;
      });
    return {
      id: i,
      location: [depot[0] + (rnd() - 0.5) * 0.5, depot[1] + (rnd() - 0.5) * 0.35] as const,
      serviceS: 600,
      delivery: [1 + Math.floor(rnd() * 3)],
      timeWindows: windows,
    };
  });
  return { speedModel: { speedMps: 9, circuity: 1.3 }, vehicles, jobs };
}

/**
 * Li & Lim PDPTW reader: first line `VEHICLES CAPACITY SPEED`, then `TASK X Y DEMAND EARLY LATE
 * SERVICE PICKUP DELIVERY` (task 0 the depot; a pickup names its delivery in DELIVERY). Same
 * conventions as Solomon (unrounded Euclidean, time = distance); objective vehicles, then distance.
 */
export function liLimProblem(path: string): Problem {
  const rows = readFileSync(path, 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/).map(Number));
  const [nVeh = 0, cap = 0] = rows[0] ?? [];
  const tasks = rows.slice(1).filter((r) => r.length >= 9);
  const m = tasks.map((a) => tasks.map((b) => Math.hypot((a[1] ?? 0) - (b[1] ?? 0), (a[2] ?? 0) - (b[2] ?? 0))));
  let maxD = 0;
  for (const row of m) for (const d of row) maxD = Math.max(maxD, d);
  const depot = tasks[0] ?? [];
  const step = (t: number[]) => ({
    id: t[0] ?? 0,
    location: t[0] ?? 0,
    serviceS: t[6] ?? 0,
    timeWindows: [[t[4] ?? 0, t[5] ?? 0] as const],
  });
  const byId = new Map(tasks.map((t) => [t[0], t]));
  const shipments = tasks
    .filter((t) => t[0] !== 0 && t[7] === 0)
    .map((p) => ({ pickup: step(p), delivery: step(byId.get(p[8]) ?? []), amount: [p[3] ?? 0] }));
  const fixed = Math.ceil(maxD * 2 * tasks.length);
  return {
    matrices: { durations: m, distances: m },
    vehicles: Array.from({ length: nVeh }, (_, i) => ({
      id: i + 1,
      start: 0,
      end: 0,
      timeWindow: [depot[4] ?? 0, depot[5] ?? 0] as const,
      capacity: [cap],
      costs: { fixed, perHour: 0, perKm: 1000 },
    })),
    shipments,
  };
}
