/**
 * Order templates HTTP API (admin and dispatcher):
 *   GET    /api/order-templates                 every template with its next dates
 *   POST   /api/order-templates                 CreateOrderTemplate → 201 the template and `generation`
 *   GET    /api/order-templates/:id
 *   PATCH  /api/order-templates/:id             UpdateOrderTemplate (`paused: true` stops future occurrences)
 *   DELETE /api/order-templates/:id             → 204 (the orders generated stay)
 *   POST   /api/order-templates/:id/generate    generates what is due now → GenerationResult
 */
import { CreateOrderTemplate, UpdateOrderTemplate } from '@tournee/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { idParam, parse } from '../http/validate.ts';
import * as service from './service.ts';

export function orderTemplateRoutes(deps: service.TemplateDeps): Router {
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');
  r.get('/order-templates', staff, async (req, res) => {
    res.json({ items: await service.listTemplates(deps, actorOf(req)) });
  });
  r.post('/order-templates', staff, async (req, res) => {
    const body = parse(CreateOrderTemplate, req.body ?? {});
    res.status(201).json(await service.createTemplate(deps, actorOf(req), body));
  });
  r.get('/order-templates/:id', staff, async (req, res) => {
    const id = idParam(req.params);
    res.json(await service.getTemplate(deps, actorOf(req), id));
  });
  r.patch('/order-templates/:id', staff, async (req, res) => {
    const id = idParam(req.params);
    const body = parse(UpdateOrderTemplate, req.body ?? {});
    res.json(await service.updateTemplate(deps, actorOf(req), id, body));
  });
  r.delete('/order-templates/:id', staff, async (req, res) => {
    const id = idParam(req.params);
    await service.deleteTemplate(deps, actorOf(req), id);
    res.status(204).end();
  });
  r.post('/order-templates/:id/generate', staff, async (req, res) => {
    const id = idParam(req.params);
    res.json(await service.generateNow(deps, actorOf(req), id));
  });
  return r;
}
