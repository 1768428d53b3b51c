import {
  CreateShiftPatternRequest,
  CreateShiftRequest,
  ExpandShiftsRequest,
  LocalDateField,
  ShiftDayRequest,
  ShiftListQuery,
  UpdateShiftPatternRequest,
  UpdateShiftRequest,
} from '@tournee/shared';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth/middleware.ts';
import type { Db } from '../db/db.ts';
import { parse } from '../http/validate.ts';
import { canRead, canWrite, idOf, Uuid } from './http.ts';
import { updateShiftPattern } from './pattern-edit.ts';
import * as fleet from './service.ts';

const DayParams = z.object({ vehicleId: Uuid, date: LocalDateField });
const PatternListQuery = z.object({ vehicleId: Uuid.optional() });

/** Shifts (dated, per vehicle) and weekly shift patterns. */
export function shiftRoutes(db: Db): Router {
  const router = Router();

  router.get('/shifts', canRead, async (req, res) => {
    const q = parse(ShiftListQuery, req.query, 'query');
    const cancelled = q.cancelled === undefined ? undefined : q.cancelled === 'true';
    res.json({ items: await fleet.listShifts(db, actorOf(req).orgId, { ...q, cancelled }) });
  });
  router.post('/shifts', canWrite, async (req, res) => {
    res.status(201).json(await fleet.createShift(db, actorOf(req), parse(CreateShiftRequest, req.body)));
  });
  // Registered before /shifts/:id so the two-segment form is never read as an id.
  router.put('/shifts/:vehicleId/:date', canWrite, async (req, res) => {
    const p = parse(DayParams, req.params, 'path');
    res.json(await fleet.setShiftDay(db, actorOf(req), p.vehicleId, p.date, parse(ShiftDayRequest, req.body)));
  });
  router.delete('/shifts/:vehicleId/:date', canWrite, async (req, res) => {
    const p = parse(DayParams, req.params, 'path');
    res.json(await fleet.cancelShiftDay(db, actorOf(req), p.vehicleId, p.date));
  });
  router.get('/shifts/:id', canRead, async (req, res) => {
    res.json(await fleet.getShift(db, actorOf(req).orgId, idOf(req.params)));
  });
  router.patch('/shifts/:id', canWrite, async (req, res) => {
    res.json(await fleet.updateShift(db, actorOf(req), idOf(req.params), parse(UpdateShiftRequest, req.body)));
  });
  router.delete('/shifts/:id', canWrite, async (req, res) => {
    res.json(await fleet.cancelShift(db, actorOf(req), idOf(req.params)));
  });

  router.get('/shift-patterns', canRead, async (req, res) => {
    const { vehicleId } = parse(PatternListQuery, req.query, 'query');
    res.json({ items: await fleet.listShiftPatterns(db, actorOf(req).orgId, vehicleId) });
  });
  router.post('/shift-patterns/expand', canWrite, async (req, res) => {
    res.json(await fleet.expandShiftPatterns(db, actorOf(req), parse(ExpandShiftsRequest, req.body ?? {})));
  });
  router.get('/shift-patterns/:id', canRead, async (req, res) => {
    res.json(await fleet.getShiftPattern(db, actorOf(req).orgId, idOf(req.params)));
  });
  router.post('/shift-patterns', canWrite, async (req, res) => {
    res.status(201).json(await fleet.createShiftPattern(db, actorOf(req), parse(CreateShiftPatternRequest, req.body)));
  });
  router.patch('/shift-patterns/:id', canWrite, async (req, res) => {
    res.json(
      await updateShiftPattern(db, actorOf(req), idOf(req.params), parse(UpdateShiftPatternRequest, req.body ?? {})),
    );
  });
  router.delete('/shift-patterns/:id', canWrite, async (req, res) => {
    res.json(await fleet.deleteShiftPattern(db, actorOf(req), idOf(req.params)));
  });

  return router;
}
