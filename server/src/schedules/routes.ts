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
import { requireRole } from '../auth/middleware.ts';
import { crudRoutes } from '../http/crud-routes.ts';
import * as service from './service.ts';

export function planScheduleRoutes(deps: service.ScheduleDeps): Router {
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');
  crudRoutes(r, '/plan-schedules', {
    read: staff,
    write: staff,
    create: CreatePlanSchedule,
    update: UpdatePlanSchedule,
    list: (actor) => service.listSchedules(deps, actor),
    get: (actor, id) => service.getSchedule(deps, actor, id),
    add: (actor, body) => service.createSchedule(deps, actor, body),
    change: (actor, id, body) => service.updateSchedule(deps, actor, id, body),
    remove: (actor, id) => service.deleteSchedule(deps, actor, id),
  });
  return r;
}
