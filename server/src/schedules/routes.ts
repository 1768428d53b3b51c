/**
 * Plan schedules HTTP API (admin and dispatcher):
 *   GET    /api/plan-schedules        every schedule with its next ticks and last runs
 *   POST   /api/plan-schedules        CreatePlanSchedule → 201 the schedule
 *   GET    /api/plan-schedules/:id
 *   PATCH  /api/plan-schedules/:id    UpdatePlanSchedule (any field)
 *   DELETE /api/plan-schedules/:id    → 204 (its runs go with it; plans already made stay)
 */
import { CreatePlanSchedule, UpdatePlanSchedule } from '@tournee/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { idParam, parse } from '../http/validate.ts';
import * as service from './service.ts';

export function planScheduleRoutes(deps: service.ScheduleDeps): Router {
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');
  r.get('/plan-schedules', staff, async (req, res) => {
    res.json({ items: await service.listSchedules(deps, actorOf(req)) });
  });
  r.post('/plan-schedules', staff, async (req, res) => {
    const body = parse(CreatePlanSchedule, req.body ?? {});
    res.status(201).json(await service.createSchedule(deps, actorOf(req), body));
  });
  r.get('/plan-schedules/:id', staff, async (req, res) => {
    const id = idParam(req.params);
    res.json(await service.getSchedule(deps, actorOf(req), id));
  });
  r.patch('/plan-schedules/:id', staff, async (req, res) => {
    const id = idParam(req.params);
    const body = parse(UpdatePlanSchedule, req.body ?? {});
    res.json(await service.updateSchedule(deps, actorOf(req), id, body));
  });
  r.delete('/plan-schedules/:id', staff, async (req, res) => {
    const id = idParam(req.params);
    await service.deleteSchedule(deps, actorOf(req), id);
    res.status(204).end();
  });
  return r;
}
