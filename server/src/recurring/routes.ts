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
import { crudRoutes } from '../http/crud-routes.ts';
import { idParam } from '../http/validate.ts';
import * as service from './service.ts';

export function orderTemplateRoutes(deps: service.TemplateDeps): Router {
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');
  crudRoutes(r, '/order-templates', {
    read: staff,
    write: staff,
    create: CreateOrderTemplate,
    update: UpdateOrderTemplate,
    list: (actor) => service.listTemplates(deps, actor),
    get: (actor, id) => service.getTemplate(deps, actor, id),
    add: (actor, body) => service.createTemplate(deps, actor, body),
    change: (actor, id, body) => service.updateTemplate(deps, actor, id, body),
    remove: (actor, id) => service.deleteTemplate(deps, actor, id),
  });
  r.post('/order-templates/:id/generate', staff, async (req, res) => {
    const id = idParam(req.params);
    res.json(await service.generateNow(deps, actorOf(req), id));
  });
  return r;
}
