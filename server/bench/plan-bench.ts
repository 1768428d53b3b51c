/**
 * `pnpm bench:plan`: the planning service end to end on PostgreSQL (request → solver threads →
 * one write transaction), on two data sets:
 *   1. generated: 35 days from next Monday, 40 vans on Mon–Sat shifts with a lunch break,
 *      8,000 orders around Lyon with date windows of 1–5 days and 2-hour time windows;
 *   2. the demo: 8 vans, 400 orders over its 10 working days.
 * Prints wall time, assigned %, distance, routes, hard-rule problems found by the independent
 * checker, and the process's peak RSS (solver threads included).
 *
 * Database: BENCH_DATABASE_URL, else `tournee_plan_bench` on the local server, recreated.
 * Solver budgets: BENCH_PLAN_TIME_S (default 120) and BENCH_DEMO_TIME_S (default 20).
 * Horizon vs day by day (BENCH_DAILY=0 skips it): the same generated orders, each fixed to its
 * first allowed day, planned one day at a time (the way users of a day-by-day solver such as VROOM
 * plan) with BENCH_PLAN_TIME_S split evenly over the days that have orders; km, vans
 * (vehicle-days used) and unassigned are printed for both, with the deltas.
 * Targets on the 2-core reference machine: generated ≤ 5 min, ≥ 99 % assigned, RSS < 2 GB;
 * demo ≤ 30 s.
 */
import {
  CreateDepotRequest,
  CreateShiftPatternRequest,
  CreateVehicleRequest,
  PlanRequest,
  addDays,
  isoWeekday,
  todayIn,
} from '@tournee/shared';
import { shutdownWorkers } from '@tournee/solver';
import pg from 'pg';
import { type Actor, systemActor } from '../src/audit/audit.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { createPgDb } from '../src/db/pg-adapter.ts';
import * as fleet from '../src/fleet/service.ts';
import { createLogger } from '../src/logger.ts';
import { runImport } from '../src/orders/import/pipeline.ts';
import { jsonSource } from '../src/orders/import/sources.ts';
import { checkRoutes } from '../test/support/independent-checker.ts';
import { createPlanner } from '../src/planning/service.ts';
import { createDomainEvents } from '../src/events/bus.ts';
import { nextWorkingDays } from '../src/seed/demo-data.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { mulberry32 } from '../src/seed/prng.ts';

const PLAN_S = Number(process.env.BENCH_PLAN_TIME_S ?? 120);
const DEMO_S = Number(process.env.BENCH_DEMO_TIME_S ?? 20);
const DAILY = process.env.BENCH_DAILY !== '0';
const DIMS = ['kg', 'm3', 'parcels'];

async function benchDatabase(): Promise<string> {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS tournee_plan_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE tournee_plan_bench');
  await admin.end();
  return 'postgres://postgres@127.0.0.1:5432/tournee_plan_bench';
}

async function newOrg(db: Db, name: string): Promise<Actor> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO organisations (name, dimensions) VALUES ($1, $2) RETURNING id',
    [name, DIMS],
  );
  return systemActor(rows[0]!.id);
}

/**
 * The generated instance; with `firstDayOnly`, every order may only be delivered on its first
 * allowed day (the same orders, drawn from the same seed, with date_to = date_from).
 */
async function generated(db: Db, actor: Actor, from: string, firstDayOnly = false): Promise<void> {
  const rand = mulberry32(2026);
  const depot = await fleet.createDepot(
    db,
    actor,
    CreateDepotRequest.parse({
      name: 'Lyon Gerland',
      location: { lon: 4.8322, lat: 45.7295 },
      timeZone: 'Europe/Paris',
    }),
  );
  for (let i = 0; i < 40; i++) {
    const v = await fleet.createVehicle(
      db,
      actor,
      CreateVehicleRequest.parse({
        name: `Van ${String(i + 1).padStart(2, '0')}`,
        depotId: depot.id,
        capacity: [1000, 10, 120],
        costPerKm: 0.3,
        costPerHour: 20,
      }),
    );
    await fleet.createShiftPattern(
      db,
      actor,
      CreateShiftPatternRequest.parse({
        vehicleId: v.id,
        weekdays: [1, 2, 3, 4, 5, 6],
        start: '08:00',
        end: '18:00',
        breaks: [{ start: '12:00', end: '14:00', durationMin: 30 }],
        validFrom: from,
      }),
    );
  }
  const rows = Array.from({ length: 8000 }, (_, i) => {
    // The horizon starts on a Monday: no order may start on a Sunday, when no van works.
    let first = Math.floor(rand() * 34);
    if (first % 7 === 6) first -= 1;
    const span = Math.floor(rand() * 5); // 1–5 allowed days
    const startH = 8 + Math.floor(rand() * 8); // 08:00–10:00 … 15:00–17:00
    const r = 0.12 * Math.sqrt(rand());
    const a = rand() * 2 * Math.PI;
    return {
      ref: `GEN-${i}`,
      name: `Client ${i}`,
      address: `${i} rue du Bench, Lyon`,
      lat: (45.76 + r * Math.sin(a) * 0.7).toFixed(5),
      lon: (4.84 + r * Math.cos(a)).toFixed(5),
      date_from: addDays(from, first),
      date_to: addDays(from, firstDayOnly ? first : Math.min(34, first + span)),
      tw_start: `${String(startH).padStart(2, '0')}:00`,
      tw_end: `${String(startH + 2).padStart(2, '0')}:00`,
      service_min: '5',
      demand_kg: (1 + rand() * 30).toFixed(1),
      demand_m3: (0.01 + rand() * 0.2).toFixed(2),
      demand_parcels: String(1 + Math.floor(rand() * 3)),
    };
  });
  const r = await runImport({ db, geocoder: null }, actor, {
    source: jsonSource(rows),
    filename: 'bench.json',
    partial: false,
    mapping: {},
  });
  if (!r.committed) throw new Error(`bench import failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
}

/** What the horizon and the day-by-day runs are compared on. */
interface Outcome {
  distanceM: number;
  /** Vehicle-days used (routes with stops). */
  vans: number;
  assigned: number;
  unassigned: number;
}

const config = loadConfig({ DATABASE_URL: 'postgres://unused', LOG_LEVEL: 'silent' });

async function run(
  db: Db,
  label: string,
  actor: Actor,
  from: string,
  to: string,
  timeLimitS: number,
): Promise<Outcome> {
  const log = createLogger('silent');
  // No subscriber: the bench measures the planner alone.
  const planner = createPlanner({ db, config, log, bus: createDomainEvents({ log }) });
  const t0 = performance.now();
  const { planId } = await planner.request(actor, PlanRequest.parse({ from, to, timeLimitS }));
  await planner.runner.idle();
  const wallS = (performance.now() - t0) / 1000;
  const plan = await planner.get(actor, planId);
  const s = plan.summary;
  if (plan.status !== 'done' || !s) throw new Error(`${label}: plan ${plan.status}: ${plan.error}`);
  const problems = await checkRoutes(
    db,
    actor.orgId,
    { speedMps: config.TRAVEL_SPEED_KMH / 3.6, circuity: config.TRAVEL_CIRCUITY },
    DIMS,
  );
  const total = s.assigned + s.unassigned;
  const line = [
    `${label}: ${from}..${to}`,
    `wall ${wallS.toFixed(1)} s (solver budget ${timeLimitS} s)`,
    `assigned ${s.assigned}/${total} (${((100 * s.assigned) / Math.max(1, total)).toFixed(2)} %)`,
    `distance ${(s.distanceM / 1000).toFixed(0)} km`,
    `routes ${s.routes}`,
    `checker problems ${problems.length}`,
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  ];
  process.stdout.write(`${line.join(' | ')}\n`);
  for (const p of problems.slice(0, 5)) process.stdout.write(`  ${p}\n`);
  await planner.close();
  return { distanceM: s.distanceM, vans: s.routes, assigned: s.assigned, unassigned: s.unassigned };
}

/**
 * Day by day: each day with orders planned on its own (its orders may only go on it), the total
 * budget split evenly over those days; an order a day cannot take stays unassigned.
 */
async function runDaily(db: Db, actor: Actor, from: string, totalS: number): Promise<Outcome> {
  const log = createLogger('silent');
  const planner = createPlanner({ db, config, log, bus: createDomainEvents({ log }) });
  const { rows } = await db.query<{ d: string }>(
    'SELECT DISTINCT date_from::text AS d FROM orders WHERE org_id = $1 ORDER BY d',
    [actor.orgId],
  );
  const perDayS = Math.max(0.2, totalS / rows.length);
  const out: Outcome = { distanceM: 0, vans: 0, assigned: 0, unassigned: 0 };
  const t0 = performance.now();
  for (const { d } of rows) {
    const { planId } = await planner.request(actor, PlanRequest.parse({ from: d, to: d, timeLimitS: perDayS }));
    await planner.runner.idle();
    const plan = await planner.get(actor, planId);
    if (plan.status !== 'done' || !plan.summary) throw new Error(`day ${d}: plan ${plan.status}: ${plan.error}`);
    out.distanceM += plan.summary.distanceM;
    out.vans += plan.summary.routes;
    out.assigned += plan.summary.assigned;
    out.unassigned += plan.summary.unassigned;
  }
  const wallS = (performance.now() - t0) / 1000;
  process.stdout.write(
    `day by day: ${rows.length} days from ${from} | wall ${wallS.toFixed(1)} s (solver budget ${perDayS.toFixed(1)} s a day) | ` +
      `assigned ${out.assigned}/${out.assigned + out.unassigned} | distance ${(out.distanceM / 1000).toFixed(0)} km | vans ${out.vans}\n`,
  );
  await planner.close();
  return out;
}

/** The horizon's figures against day by day's: each with its delta and %. */
function printComparison(horizon: Outcome, daily: Outcome): void {
  const row = (label: string, h: number, d: number, unit = '') => {
    const delta = h - d;
    const pct = d === 0 ? '' : ` (${delta > 0 ? '+' : ''}${((100 * delta) / d).toFixed(1)} %)`;
    return `  ${label.padEnd(11)} horizon ${h}${unit} | day by day ${d}${unit} | delta ${delta > 0 ? '+' : ''}${delta}${unit}${pct}`;
  };
  const km = (m: number) => Math.round(m / 1000);
  process.stdout.write(
    [
      'horizon planning vs day by day (same orders, same total solver budget):',
      row('km', km(horizon.distanceM), km(daily.distanceM), ' km'),
      row('vans', horizon.vans, daily.vans),
      row('unassigned', horizon.unassigned, daily.unassigned),
      '',
    ].join('\n'),
  );
}

async function main() {
  const url = await benchDatabase();
  const db = createPgDb(url, { max: 4 });
  await migrate(db);
  const today = todayIn('Europe/Paris');
  const monday = addDays(today, 8 - isoWeekday(today));
  const gen = await newOrg(db, 'Plan bench (generated)');
  const t0 = performance.now();
  await generated(db, gen, monday);
  process.stdout.write(
    `generated 40 vans Mon–Sat and 8,000 orders in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  const horizon = PLAN_S > 0 ? await run(db, 'generated 35 days', gen, monday, addDays(monday, 34), PLAN_S) : null;
  if (horizon && DAILY) {
    const daily = await newOrg(db, 'Plan bench (generated, day by day)');
    await generated(db, daily, monday, true);
    printComparison(horizon, await runDaily(db, daily, monday, PLAN_S));
  }
  const demo = await newOrg(db, 'Plan bench (demo)');
  const now = new Date();
  await seedDemo(db, demo.orgId, now);
  const days = nextWorkingDays(now, 10);
  await run(db, 'demo 10 working days', demo, days[0]!, days[9]!, DEMO_S);
  await shutdownWorkers();
  await db.close();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
