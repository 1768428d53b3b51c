/** Gathers a plan's input from the database: scope, fleet, shifts, routes to keep, orders. */
import type { UnassignedReason } from '@tournee/shared';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import {
  type ExistingRoute,
  loadDepots,
  loadDimensions,
  loadExistingRoutes,
  loadNamedOrders,
  loadOrders,
  loadOutsideWork,
  loadShifts,
  loadVehicles,
  loadVisited,
} from './inputs-repo.ts';
import type { PlanRecord } from './plan-repo.ts';
import type { PlanningInput } from './problem-builder.ts';
import { unloadedNamed } from './unplanned.ts';
import { travelModel } from '../travel/travel.ts';
import { workingTimeRules } from '../org/repo.ts';

export interface LoadedPlan {
  input: PlanningInput;
  /** Routes of the range the plan replaces (updated in place, emptied or deleted). */
  replaceable: ExistingRoute[];
  /** Started routes: visited stops stay, the rest is planned again from the last visited stop. */
  continued: ExistingRoute[];
  /** Routes left exactly as they are: locked, done, or holding a locked stop. */
  kept: ExistingRoute[];
  refs: Map<string, string>;
  /** Orders named in `orderIds` that are not planned at all (held, cancelled, visited…), with why. */
  unloaded: { orderId: string; reason: UnassignedReason }[];
}

/** The zone of the depots in scope; several zones in one plan are refused (a day would be ambiguous). */
export function planZone(depots: { name: string; timeZone: string }[]): string {
  const first = depots[0];
  if (!first) throw new AppError('unprocessable', 'depotIds: there is no depot to plan from; create a depot first');
  const other = depots.find((d) => d.timeZone !== first.timeZone);
  if (other) {
    throw new AppError(
      'bad_request',
      `depotIds: depots ${first.name} (${first.timeZone}) and ${other.name} (${other.timeZone}) are in different time zones; plan them separately`,
    );
  }
  return first.timeZone;
}

export async function loadPlan(db: Db, config: Config, plan: PlanRecord): Promise<LoadedPlan> {
  const depots = await loadDepots(db, plan.orgId, plan.depotIds);
  const zone = planZone(depots);
  const depotIds = depots.map((d) => d.id);
  const vehicles = await loadVehicles(db, plan.orgId, depotIds);
  const existing = await loadExistingRoutes(db, plan.orgId, plan.from, plan.to, depotIds);
  const kept = existing.filter((r) => r.mode === 'kept');
  const replaceable = existing.filter((r) => r.mode === 'replace');
  const continued = existing.filter((r) => r.mode === 'continue');
  const keptShifts = new Set(kept.map((r) => r.shiftId));
  const visited = await loadVisited(
    db,
    continued.map((r) => r.id),
  );
  const resumeOf = new Map(continued.map((r) => [r.shiftId, visited.get(r.id)]));
  const shifts = (
    await loadShifts(
      db,
      plan.orgId,
      plan.from,
      plan.to,
      vehicles.map((v) => v.id),
    )
  )
    .filter((s) => !keptShifts.has(s.id))
    .map((s) => {
      const v = resumeOf.get(s.id);
      return v
        ? {
            ...s,
            resume: { location: v.location, at: v.at, breaksTaken: v.breaksTaken, line: v.line, visited: v.count },
          }
        : s;
    });
  const routeScope = {
    replaceableRouteIds: replaceable.map((r) => r.id),
    continuedRouteIds: continued.map((r) => r.id),
  };
  const orders = await loadOrders(db, plan.orgId, {
    from: plan.from,
    to: plan.to,
    orderIds: plan.orderIds,
    ...routeScope,
  });
  // Every order the dispatcher named and the plan leaves out gets its reason.
  const unloaded = plan.orderIds
    ? unloadedNamed(
        await loadNamedOrders(db, plan.orgId, { orderIds: plan.orderIds, ...routeScope }),
        new Set(orders.map((o) => o.id)),
        plan,
      )
    : [];
  const driverIds = [...new Set(shifts.flatMap((s) => (s.driverId ? [s.driverId] : [])))];
  const outsideWork = await loadOutsideWork(db, plan.orgId, {
    from: plan.from,
    to: plan.to,
    driverIds,
    planShiftIds: shifts.map((s) => s.id),
  });
  return {
    input: {
      zone,
      from: plan.from,
      to: plan.to,
      dimensions: await loadDimensions(db, plan.orgId),
      depots: new Map(depots.map((d) => [d.id, d])),
      vehicles: new Map(vehicles.map((v) => [v.id, v])),
      shifts,
      orders,
      options: plan.options,
      travel: travelModel(config),
      rules: await workingTimeRules(db, plan.orgId),
      outsideWork,
      // A kept route's van goes out as planned: it holds a loading dock before its departure.
      keptDepartures: kept.flatMap((r) =>
        r.startAt && r.orderIds.length
          ? [{ depotId: r.depotId, localDate: r.localDate, leaveMs: r.startAt.getTime() }]
          : [],
      ),
    },
    replaceable,
    continued,
    kept,
    refs: new Map(orders.map((o) => [o.id, o.ref])),
    unloaded,
  };
}
