/**
 * Intake rules (admin, dispatcher):
 *   GET    /api/automation-rules                    every rule, in the order they run
 *   POST   /api/automation-rules                    AutomationRuleInput → the rule (201), run last
 *   POST   /api/automation-rules/service-mapping    "column = value → actions" as one rule (201)
 *   POST   /api/automation-rules/reorder            { ids } every rule, in the new order
 *   POST   /api/automation-rules/test               a file (as the orders import takes it) and,
 *          optionally, form field `rules` (JSON list to try instead of the saved ones) and
 *          `mapping` → each row before/after the rules; writes nothing
 *   PATCH  /api/automation-rules/:id                any field
 *   DELETE /api/automation-rules/:id
 */
import {
  AutomationRuleInput,
  AutomationRulePatch,
  ImportOptions,
  ReorderRulesRequest,
  RuleList,
  ServiceMappingInput,
} from '@tournee/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { idParam, parse } from '../http/validate.ts';
import { IMPORT_MESSAGES, importLang } from '../orders/import/messages.ts';
import { drainRequest, openUpload, uploadLimits } from '../orders/import/upload.ts';
import { testRules } from './rule-test.ts';
import * as service from './service.ts';

/** The `rules` form field: a JSON list of rules; disabled ones are left out as on import. */
function rulesField(text: string | undefined) {
  if (text === undefined || text === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'rules: must be a JSON list of rules');
  }
  return parse(RuleList, json, 'rules').filter((r) => r.enabled);
}

export function automationRoutes({ db, config }: { db: Db; config: Config }): Router {
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');
  const limits = uploadLimits(config);

  r.get('/automation-rules', staff, async (req, res) => {
    res.json(await service.listRules(db, actorOf(req).orgId));
  });
  r.post('/automation-rules', staff, async (req, res) => {
    res.status(201).json(await service.createRule(db, actorOf(req), parse(AutomationRuleInput, req.body)));
  });
  r.post('/automation-rules/service-mapping', staff, async (req, res) => {
    res.status(201).json(await service.createServiceMapping(db, actorOf(req), parse(ServiceMappingInput, req.body)));
  });
  r.post('/automation-rules/reorder', staff, async (req, res) => {
    res.json(await service.reorderRules(db, actorOf(req), parse(ReorderRulesRequest, req.body).ids));
  });
  r.post('/automation-rules/test', staff, async (req, res) => {
    const messages = IMPORT_MESSAGES[importLang(req.get('accept-language'))];
    const query = req.query as Record<string, unknown>;
    try {
      const upload = await openUpload(
        req,
        (fields) => fields.sheet ?? (query.sheet as string | undefined),
        messages,
        limits,
      );
      const fields = { ...query, ...upload.fields } as Record<string, string | undefined>;
      const options = parse(ImportOptions, { mapping: fields.mapping, sheet: fields.sheet }, 'options');
      const result = await testRules(db, actorOf(req), {
        source: upload.source,
        mapping: options.mapping ?? {},
        rules: rulesField(fields.rules),
        messages,
      });
      res.json(result);
    } finally {
      await drainRequest(req, 4 * limits.maxBytes);
    }
  });
  r.patch('/automation-rules/:id', staff, async (req, res) => {
    res.json(await service.updateRule(db, actorOf(req), idParam(req.params), parse(AutomationRulePatch, req.body)));
  });
  r.delete('/automation-rules/:id', staff, async (req, res) => {
    await service.deleteRule(db, actorOf(req), idParam(req.params));
    res.status(204).end();
  });
  return r;
}
