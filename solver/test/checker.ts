/**
 * Independent solution checker for the tests. Written from the problem definition only: it does
 * not use the solver's encoder, engine or decoder, and recomputes travel, times, loads and cost.
 */
import type { Location, Problem, Solution, TimeWindow } from '../src/types.ts';

const EPS = 1e-6;

function haversineM(a: readonly [number, number], b: readonly [number, number]): number {
  const r = Math.PI / 180;
  const dLat = (b[1] - a[1]) * r;
  const dLon = (b[0] - a[0]) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Travel (time, distance) between two locations, or null for "no road". */
export function travel(
  p: Problem,
  a: Location | undefined,
  b: Location | undefined,
  speedFactor = 1,
  profile?: string,
): [number, number] | null {
  if (a === undefined || b === undefined) return [0, 0];
  const m = (profile !== undefined ? p.profileMatrices?.[profile] : undefined) ?? p.matrices;
  if (m) {
    const t = m.durations[a as number]?.[b as number];
    const d = m.distances ? m.distances[a as number]?.[b as number] : 0;
    if (t === null || t === undefined || d === null || d === undefined) return null;
    return [t / speedFactor, d];
  }
  const circuity = p.speedModel?.circuity ?? 1.3;
  const speed = p.speedModel?.speedMps ?? 8.33;
  const ca = a as readonly [number, number];
  const cb = b as readonly [number, number];
  const d = ca[0] === cb[0] && ca[1] === cb[1] ? 0 : haversineM(ca, cb) * circuity;
  return [d / speed / speedFactor, d];
}

function inWindows(t: number, ws: readonly TimeWindow[] | undefined): boolean {
  if (!ws) return true;
  return ws.some(([s, e]) => t >= s - EPS && t <= e + EPS);
}

const tol = (x: number) => EPS * Math.max(1, Math.abs(x)) * 10;

/** Throws with a precise message on the first violation; returns the recomputed total cost. */
export function checkSolution(p: Problem, sol: Solution): number {
  const fail = (m: string): never => {
    throw new Error(`checker: ${m}`);
  };
  const jobs = new Map((p.jobs ?? []).map((j) => [j.id, j]));
  const pickups = new Map((p.shipments ?? []).map((s) => [s.pickup.id, s]));
  const deliveries = new Map((p.shipments ?? []).map((s) => [s.delivery.id, s]));
  const seen = new Set<unknown>();
  const usedVehicles = new Set<number>();
  const durations = new Map<unknown, number>();
  let total = 0;
  for (const r of sol.routes) {
    const v = p.vehicles[r.vehicle] ?? fail(`unknown vehicle ${r.vehicle}`);
    if (usedVehicles.has(r.vehicle)) fail(`vehicle ${String(v.id)} has two routes`);
    usedVehicles.add(r.vehicle);
    const sf = v.speedFactor ?? 1;
    const shift = v.timeWindow ?? [0, Infinity];
    const steps = r.steps;
    const first = steps[0];
    const last = steps[steps.length - 1];
    if (first?.type !== 'start' || last?.type !== 'end') fail(`route ${String(v.id)} must start and end`);
    if ((first?.departure ?? 0) < shift[0] - EPS) fail(`route ${String(v.id)} leaves before its shift`);
    if ((last?.arrival ?? 0) > shift[1] + tol(shift[1]))
      fail(`route ${String(v.id)} ends after its shift: ${last?.arrival} > ${shift[1]}`);
    // Loads: deliveries on board at the start.
    const dims = Math.max(
      v.capacity?.length ?? 0,
      ...(p.jobs ?? []).map((j) => Math.max(j.delivery?.length ?? 0, j.pickup?.length ?? 0)),
    );
    // Multi-trip: each reload step starts a trip; the trip's deliveries are loaded there.
    const tripStartLoad = (from: number): number[] => {
      const l = Array.from({ length: dims }, () => 0);
      for (const s of steps.slice(from)) {
        if (s.type === 'reload') break;
        const j = s.type === 'job' ? jobs.get(s.id as never) : undefined;
        j?.delivery?.forEach((a, d) => {
          l[d] = (l[d] ?? 0) + a;
        });
      }
      return l;
    };
    let load = tripStartLoad(0);
    let reloadsUsed = 0;
    let tripStops = 0;
    // Driving-time rule: driving since the route start or the last break.
    let driving = 0;
    const maxDriving = v.maxDrivingS ?? Infinity;
    const cap = (where: string) => {
      if (!v.capacity) return;
      load.forEach((l, d) => {
        if (l > (v.capacity?.[d] ?? 0) + EPS)
          fail(`${where}: load ${l} over capacity ${v.capacity?.[d]} on vehicle ${String(v.id)}`);
      });
    };
    cap('route start');
    let time = first?.departure ?? 0;
    let loc: Location | undefined = v.start;
    let travelS = 0;
    let dist = 0;
    let jobsCount = 0;
    const breaksSeen = new Set<unknown>();
    const onBoard = new Set<unknown>();
    for (const [k, s] of steps.entries()) {
      if (k === 0) continue;
      let to: Location | undefined;
      let windows: readonly TimeWindow[] | undefined;
      let service = 0;
      let setup = 0;
      if (s.type === 'end') to = v.end;
      else if (s.type === 'break') {
        const b =
          v.breaks?.find((x) => x.id === s.id) ?? fail(`unknown break ${String(s.id)} on vehicle ${String(v.id)}`);
        if (breaksSeen.has(s.id)) fail(`break ${String(s.id)} twice`);
        breaksSeen.add(s.id);
        to = loc;
        windows = b.timeWindows;
        service = b.serviceS ?? 0;
        if (service >= (v.drivingBreakS ?? 0)) {
          if (driving > maxDriving + tol(maxDriving))
            fail(`${String(v.id)} drives ${driving} s before break ${String(s.id)}, limit ${maxDriving}`);
          driving = 0;
        }
      } else if (s.type === 'reload') {
        if (!v.reload) fail(`reload on ${String(v.id)}, which has no reload setting`);
        if (tripStops === 0) fail(`reload on ${String(v.id)} with no stop since the route start or the last reload`);
        tripStops = 0;
        reloadsUsed++;
        if (reloadsUsed > (v.reload?.maxTrips ?? 3) - 1) fail(`too many trips on ${String(v.id)}`);
        if (onBoard.size > 0) fail(`reload on ${String(v.id)} with a shipment on board`);
        if (JSON.stringify(s.location) !== JSON.stringify(v.start))
          fail(`reload of ${String(v.id)} away from its start`);
        to = v.start;
        setup = v.reload?.reloadS ?? 0;
        load = tripStartLoad(k + 1);
      } else {
        const key = `${s.type}:${String(s.id)}`;
        if (seen.has(key)) fail(`${key} served twice`);
        seen.add(key);
        jobsCount++;
        tripStops++;
        if (s.type === 'job') {
          const j = jobs.get(s.id as never) ?? fail(`unknown job ${String(s.id)}`);
          to = j.location;
          windows = j.timeWindows;
          service = j.serviceS ?? 0;
          setup = j.setupS ?? 0;
          if ((j.skills ?? []).some((k) => !(v.skills ?? []).includes(k as never)))
            fail(`job ${String(j.id)} lacks skills on ${String(v.id)}`);
          j.delivery?.forEach((a, d) => {
            load[d] = (load[d] ?? 0) - a;
          });
          j.pickup?.forEach((a, d) => {
            load[d] = (load[d] ?? 0) + a;
          });
        } else {
          const sh =
            (s.type === 'pickup' ? pickups.get(s.id as never) : deliveries.get(s.id as never)) ??
            fail(`unknown shipment step ${String(s.id)}`);
          const st = s.type === 'pickup' ? sh.pickup : sh.delivery;
          to = st.location;
          windows = st.timeWindows;
          service = st.serviceS ?? 0;
          setup = st.setupS ?? 0;
          if ((sh.skills ?? []).some((k) => !(v.skills ?? []).includes(k as never)))
            fail(`shipment lacks skills on ${String(v.id)}`);
          if (s.type === 'pickup') onBoard.add(sh);
          else if (!onBoard.has(sh)) fail(`delivery ${String(s.id)} before its pickup`);
          else onBoard.delete(sh);
          sh.amount?.forEach((a, d) => {
            load[d] = (load[d] ?? 0) + (s.type === 'pickup' ? a : -a);
          });
        }
      }
      const tr = s.type === 'break' ? [0, 0] : travel(p, loc, to, sf, v.profile);
      if (!tr) fail(`unreachable arc to ${String(s.id)}`);
      const [tt, dd] = tr as [number, number];
      driving += tt;
      if (s.type === 'end' && driving > maxDriving + tol(maxDriving))
        fail(`${String(v.id)} drives ${driving} s after its last break, limit ${maxDriving}`);
      travelS += tt;
      dist += dd;
      const arrival = time + tt;
      if (Math.abs(arrival - s.arrival) > tol(arrival))
        fail(`arrival at ${s.type} ${String(s.id)} is ${s.arrival}, recomputed ${arrival}`);
      if (s.serviceStart < arrival - tol(arrival)) fail(`service before arrival at ${String(s.id)}`);
      if (s.type !== 'end' && !inWindows(s.serviceStart, windows))
        fail(`${s.type} ${String(s.id)} starts at ${s.serviceStart} outside its windows`);
      const paidSetup =
        s.type !== 'break' && s.type !== 'end' && JSON.stringify(to) !== JSON.stringify(loc) ? setup : 0;

      if (s.type !== 'end' && s.departure + tol(s.departure) < s.serviceStart + paidSetup + service)
        fail(`service at ${String(s.id)} too short`);
      if (Math.abs(dist - s.distance) > tol(dist))
        fail(`distance at ${String(s.id)} is ${s.distance}, recomputed ${dist}`);
      cap(`after ${s.type} ${String(s.id)}`);
      for (let d = 0; d < dims; d++)
        if (Math.abs((load[d] ?? 0) - (s.load[d] ?? load[d] ?? 0)) > EPS)
          fail(`reported load after ${String(s.id)} differs`);
      time = s.type === 'end' ? arrival : s.departure;
      if (s.type !== 'break') loc = to;
    }
    if (onBoard.size > 0) fail(`route ${String(v.id)} ends with a shipment on board`);
    for (const b of v.breaks ?? []) if (!breaksSeen.has(b.id)) fail(`break ${String(b.id)} missing on ${String(v.id)}`);
    if (v.maxStops !== undefined && jobsCount > v.maxStops) fail(`too many stops on ${String(v.id)}`);
    if (v.maxTravelTimeS !== undefined && travelS > v.maxTravelTimeS + tol(travelS))
      fail(`max travel time exceeded on ${String(v.id)}`);
    if (v.maxDistanceM !== undefined && dist > v.maxDistanceM + tol(dist))
      fail(`max distance exceeded on ${String(v.id)}`);
    const c = v.costs;
    const perHour = c?.perHour ?? 3600;
    const cost = (c?.fixed ?? 0) + (perHour / 3600) * travelS + ((c?.perKm ?? 0) / 1000) * dist;
    if (Math.abs(cost - r.cost) > 1e-6 * Math.max(1, cost))
      fail(`route ${String(v.id)} cost ${r.cost}, recomputed ${cost}`);
    total += cost;
    durations.set(v.id, (last?.arrival ?? 0) - (first?.departure ?? 0));
  }
  // Work limits: summed route durations (leave the start → reach the end) of the vehicles listed.
  for (const w of p.workLimits ?? []) {
    const sum = [...new Set(w.vehicles)].reduce<number>((a, id) => a + (durations.get(id) ?? 0), 0);
    if (sum > w.maxWorkS + tol(w.maxWorkS)) fail(`work limit ${String(w.id)}: ${sum} s > ${w.maxWorkS} s`);
  }
  // Everything is either served or reported unassigned, exactly once.
  const unassigned = new Set(sol.unassigned.map((u) => `${u.type === 'shipment' ? 'pickup' : 'job'}:${String(u.id)}`));
  for (const j of p.jobs ?? []) {
    const k = `job:${String(j.id)}`;
    if (seen.has(k) === unassigned.has(k))
      fail(`job ${String(j.id)} is ${seen.has(k) ? 'both served and unassigned' : 'neither served nor unassigned'}`);
  }
  for (const s of p.shipments ?? []) {
    const k = `pickup:${String(s.pickup.id)}`;
    if (seen.has(k) !== seen.has(`delivery:${String(s.delivery.id)}`))
      fail(`shipment ${String(s.pickup.id)} half served`);
    if (seen.has(k) === unassigned.has(k)) fail(`shipment ${String(s.pickup.id)} status inconsistent`);
  }
  if (Math.abs(total - sol.summary.cost) > 1e-6 * Math.max(1, total))
    fail(`summary cost ${sol.summary.cost}, recomputed ${total}`);
  return total;
}
