/**
 * Planning HTTP API (admin and dispatcher):
 *   POST   /api/plans                   PlanRequest → 202 { planId } (the job runs in the background)
 *   GET    /api/plans?limit=            the latest plans (default 20)
 *   GET    /api/plans/:id               status, progress, summary
 *   DELETE /api/plans/:id               cancels a queued or running plan (nothing is written)
 *   GET    /api/plans/:id/unassigned    the orders the plan could not place, with the reason
 *   GET    /api/routes?date=&depotId=   the routes of a day with their stops
 *   GET    /api/planning/calendar?from&to  per day: orders due, unplanned, planned stops, routes, shifts
 *   GET    /api/planning/unplanned?date=   the day's orders on no route, with the latest plan's reason and figures
 */
import { CalendarQuery, DayUnplannedQuery, PlanRequest, RoutesQuery } from '@tournee/shared';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/db.ts';
import { listRoutesOfDay } from '../lifecycle/route-repo.ts';
import { idParam, parse } from '../http/validate.ts';
import { planningCalendar } from './calendar.ts';
import { dayUnplanned } from './figures-repo.ts';
import type { Planner } from './service.ts';

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });

export function planningRoutes(db: Db, planner: Planner): Router {
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');

  r.post('/plans', staff, async (req, res) => {
    const body = parse(PlanRequest, req.body ?? {});
    res.status(202).json(await planner.request(actorOf(req), body));
  });
  r.get('/plans', staff, async (req, res) => {
    const { limit } = parse(ListQuery, req.query, 'query');
    res.json({ items: await planner.list(actorOf(req), limit) });
  });
  r.get('/plans/:id', staff, async (req, res) => {
    const id = idParam(req.params);
    res.json(await planner.get(actorOf(req), id));
  });
  r.delete('/plans/:id', staff, async (req, res) => {
    const id = idParam(req.params);
    res.json(await planner.cancel(actorOf(req), id));
  });
  r.get('/plans/:id/unassigned', staff, async (req, res) => {
    const id = idParam(req.params);
    res.json({ items: await planner.unassigned(actorOf(req), id) });
  });
  r.get('/routes', staff, async (req, res) => {
    const q = parse(RoutesQuery, req.query, 'query');
    res.json({ date: q.date, routes: await listRoutesOfDay(db, actorOf(req).orgId, q.date, { depotId: q.depotId }) });
  });
  r.get('/planning/calendar', staff, async (req, res) => {
    const q = parse(CalendarQuery, req.query, 'query');
    res.json({ days: await planningCalendar(db, actorOf(req).orgId, q.from, q.to) });
  });
  r.get('/planning/unplanned', staff, async (req, res) => {
    const q = parse(DayUnplannedQuery, req.query, 'query');
    res.json({ date: q.date, items: await dayUnplanned(db, actorOf(req).orgId, q.date) });
  });
  return r;
}
