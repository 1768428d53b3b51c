/**
 * Proof of the savings. A baseline is the customer's own routes of a day: each route's stops in
 * the file's order, on the vehicle (or the driver's vehicle) named, with that vehicle's shift of
 * the day — evaluated, never solved, with the travel and rules a plan is held to. A plan is
 * compared with it by evaluating the plan's routes of that day the same way.
 */
import type { Baseline, BaselineRoute, ImportRowError, PlanComparison } from '@tournee/shared';
import { compareFigures } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { evalStop, loadEvalShifts } from '../dispatch/context.ts';
import type { EvalShift, EvalStop } from '../dispatch/evaluator.ts';
import { AppError } from '../errors.ts';
import { listDrivers } from '../fleet/driver-service.ts';
import type { Geocoder } from '../geocoding/geocoder.ts';
import { listRoutesOfDay } from '../lifecycle/route-repo.ts';
import type { ImportMessages } from '../orders/import/messages.ts';
import type { RowSource } from '../orders/import/sources.ts';
import { loadDepots, loadShifts, loadVehicles } from '../planning/inputs-repo.ts';
import { findPlan } from '../planning/plan-repo.ts';
import type { VehicleInput } from '../planning/problem-builder.ts';
import { travelFor } from '../travel/road.ts';
import type { LonLatPair } from '../travel/travel.ts';
import { type BaselineRow, readBaselineFile } from './baseline-import.ts';
import { routeFigures, totalFigures, withBreaks } from './figures.ts';
import { baselineMessages } from './messages.ts';
import * as repo from './repo.ts';

export interface SavingsDeps {
  db: Db;
  config: Config;
  geocoder: Geocoder | null;
}

export type BaselineOutcome = { ok: true; baseline: Baseline } | { ok: false; errors: ImportRowError[] };

const rejected = (errors: ImportRowError[]): BaselineOutcome => ({
  ok: false,
  errors: errors.sort((a, b) => a.row - b.row),
});

/** Reads, checks, evaluates and stores a baseline; bad rows come back as errors (nothing stored). */
export async function importBaseline(
  deps: SavingsDeps,
  actor: Actor,
  req: { source: RowSource; date: string; name?: string; filename: string | null; messages?: ImportMessages },
): Promise<BaselineOutcome> {
  const { db, config } = deps;
  const bm = baselineMessages(req.messages);
  const org = await repo.orgImportSettings(db, actor.orgId);
  if (!org) throw new AppError('not_found', 'Organisation not found');
  const file = await readBaselineFile(req.source, {
    ...org,
    date: req.date,
    messages: req.messages,
    geocoder: deps.geocoder,
    db,
  });
  if (file.errors.length) return rejected(file.errors);
  if (file.rows.length === 0) {
    return rejected([{ row: 1, column: file.columns.vehicle ?? 'driver', value: '', message: bm.noStops }]);
  }

  // Rows → routes, by vehicle name when the file has one, else by driver.
  const groups = new Map<string, BaselineRow[]>();
  for (const r of file.rows) {
    const key = r.vehicle ? `vehicle:${r.vehicle.toLowerCase()}` : `driver:${r.driver!.toLowerCase()}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const depots = await loadDepots(db, actor.orgId, null);
  const vehicles = await loadVehicles(
    db,
    actor.orgId,
    depots.map((d) => d.id),
  );
  const shifts = await loadShifts(
    db,
    actor.orgId,
    req.date,
    req.date,
    vehicles.map((v) => v.id),
  );
  const drivers = await listDrivers(db, actor.orgId);
  const byName = (name: string) => vehicles.find((v) => v.name.trim().toLowerCase() === name.trim().toLowerCase());

  const errors: ImportRowError[] = [];
  const planned: { key: string; rows: BaselineRow[]; vehicle: VehicleInput; shift: EvalShift }[] = [];
  const taken = new Map<string, number>();
  for (const [, rows] of groups) {
    const first = rows[0]!;
    const column = first.vehicle ? file.columns.vehicle! : file.columns.driver!;
    const value = (first.vehicle ?? first.driver)!;
    const fail = (message: string) => errors.push({ row: first.row, column, value, message });
    let vehicle: VehicleInput | undefined;
    if (first.vehicle) {
      vehicle = byName(first.vehicle);
      if (!vehicle) {
        fail(bm.noVehicle(first.vehicle));
        continue;
      }
    } else {
      const driver = drivers.find((d) => d.name.trim().toLowerCase() === first.driver!.trim().toLowerCase());
      if (!driver) {
        fail(bm.noDriver(first.driver!));
        continue;
      }
      const shift = shifts.find((s) => s.driverId === driver.id);
      vehicle = vehicles.find((v) => v.id === (shift?.vehicleId ?? driver.defaultVehicleId));
      if (!vehicle) {
        fail(bm.driverWithoutVehicle(driver.name, req.date));
        continue;
      }
    }
    const shift = shifts.find((s) => s.vehicleId === vehicle.id);
    if (!shift) {
      fail(bm.noShift(vehicle.name, req.date));
      continue;
    }
    if (taken.has(vehicle.id)) {
      fail(bm.vehicleTaken(vehicle.name, taken.get(vehicle.id)!));
      continue;
    }
    taken.set(vehicle.id, first.row);
    const depot = depots.find((d) => d.id === vehicle.depotId)!;
    const end = depots.find((d) => d.id === vehicle.endDepotId) ?? depot;
    planned.push({
      key: value,
      rows: [...rows].sort((a, b) => a.seq - b.seq || a.row - b.row),
      vehicle,
      shift: {
        zone: depot.timeZone,
        localDate: req.date,
        startMs: Date.parse(shift.startAt),
        endMs: Date.parse(shift.endAt),
        breaks: shift.breaks.map((b) => ({
          startMs: Date.parse(b.startAt),
          endMs: Date.parse(b.endAt),
          durationS: b.durationMin * 60,
        })),
        start: depot.location,
        end: end.location,
        dimensions: org.dimensions,
        capacity: vehicle.capacity,
        skills: vehicle.skills,
        maxStops: vehicle.maxStops,
        maxDurationS: vehicle.maxDurationS,
        maxDistanceM: vehicle.maxDistanceM,
        slowness: vehicle.speedFactor || 1,
      },
    });
  }
  if (errors.length) return rejected(errors);

  const points: LonLatPair[] = planned.flatMap((p) => [
    p.shift.start,
    p.shift.end,
    ...p.rows.map((r) => [r.order.lon, r.order.lat] as const),
  ]);
  const travel = await travelFor(config, points);
  const routes: BaselineRoute[] = planned.map((p) => {
    const stops = withBreaks(p.shift, p.rows.map(rowStop), travel);
    const f = routeFigures(p.shift, stops, p.vehicle, travel);
    const { evaluation, ...figures } = f;
    return {
      key: p.key,
      vehicleId: p.vehicle.id,
      vehicleName: p.vehicle.name,
      startAt: new Date(evaluation.startMs).toISOString(),
      endAt: new Date(evaluation.endMs).toISOString(),
      refs: p.rows.map((r) => r.order.ref),
      violations: evaluation.violations.map((v) => v.message),
      ...figures,
      cost: Math.round(figures.cost * 100) / 100,
    };
  });
  const baseline = await db.transaction(async (tx) => {
    const b = await repo.insertBaseline(tx, {
      orgId: actor.orgId,
      userId: actor.userId,
      name: req.name ?? req.filename ?? `Baseline ${req.date}`,
      localDate: req.date,
      filename: req.filename,
      totals: totalFigures(routes),
      routes,
    });
    await recordEvent(tx, actor, 'baseline.import', 'baseline', b.id, {
      localDate: req.date,
      filename: req.filename,
      routes: routes.length,
      stops: b.totals.stops,
    });
    return b;
  });
  return { ok: true, baseline };
}

/** A baseline row as an evaluator stop (its id is the file's ref: it is no stored order). */
function rowStop(r: BaselineRow): EvalStop {
  return {
    stopId: null,
    orderId: null,
    ref: r.order.ref,
    kind: 'delivery',
    breakIndex: null,
    location: [r.order.lon, r.order.lat],
    serviceS: r.order.serviceS,
    demand: r.order.demand,
    skills: r.order.skills,
    dateFrom: r.order.dateFrom,
    dateTo: r.order.dateTo,
    timeWindows: r.order.timeWindows,
  };
}

export async function getBaseline(db: Db, actor: Actor, id: string): Promise<Baseline> {
  const b = await repo.findBaseline(db, actor.orgId, id);
  if (!b) throw new AppError('not_found', 'Baseline not found', { details: { field: 'baseline' } });
  return b;
}

export const listBaselines = (db: Db, actor: Actor, date: string | null) => repo.listBaselines(db, actor.orgId, date);

/** The plan's routes of the baseline's day against the baseline, figure by figure. */
export async function comparePlan(
  deps: { db: Db; config: Config },
  actor: Actor,
  planId: string,
  baselineId: string,
): Promise<{ comparison: PlanComparison; baseline: Baseline }> {
  const { db, config } = deps;
  const plan = await findPlan(db, actor.orgId, planId);
  if (!plan) throw new AppError('not_found', 'Plan not found');
  const baseline = await getBaseline(db, actor, baselineId);
  const date = baseline.localDate;
  if (date < plan.from || date > plan.to) {
    throw new AppError('unprocessable', `the baseline is of ${date}, outside the plan's days ${plan.from}–${plan.to}`, {
      details: { field: 'baseline' },
    });
  }
  const routes = (await listRoutesOfDay(db, actor.orgId, date)).filter((r) => r.planId === plan.id);
  // Zero km against the baseline's would read as a 100 % saving: say what is missing instead.
  if (routes.length === 0) {
    throw new AppError('unprocessable', `the plan has no routes on ${date} (nothing planned, or planned again since)`, {
      details: { field: 'baseline' },
    });
  }
  const shifts = await loadEvalShifts(
    db,
    actor.orgId,
    routes.map((r) => r.id),
  );
  const depots = await loadDepots(db, actor.orgId, null);
  const vehicles = new Map(
    (
      await loadVehicles(
        db,
        actor.orgId,
        depots.map((d) => d.id),
      )
    ).map((v) => [v.id, v]),
  );
  const stops = new Map(routes.map((r) => [r.id, r.stops.map(evalStop)]));
  const points: LonLatPair[] = [...shifts.values()].flatMap((s) => [s.start, s.end]);
  for (const list of stops.values()) for (const s of list) if (s.location) points.push(s.location);
  const travel = await travelFor(config, points);
  const none = { fixedCost: 0, costPerKm: 0, costPerHour: 0 };
  const figures = routes.map((r) =>
    routeFigures(shifts.get(r.id)!, stops.get(r.id)!, vehicles.get(r.vehicleId) ?? none, travel),
  );
  const planTotals = totalFigures(figures);
  return {
    baseline,
    comparison: {
      planId: plan.id,
      baselineId: baseline.id,
      localDate: date,
      baseline: baseline.totals,
      plan: planTotals,
      deltas: compareFigures(baseline.totals, planTotals),
    },
  };
}
