/**
 * Savings transport: `POST /api/baselines` (the customer's routes of a day as a file: CSV, XLSX
 * or a JSON array, like the orders import; `date` in the query or a form field),
 * `GET /api/baselines`, and a plan against a baseline as JSON and as a printable page.
 */
import { BaselineImportOptions, CompareQuery, LocalDateField } from '@tournee/shared';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { geocoderFromConfig } from '../geocoding/geocoder.ts';
import { idParam, parse } from '../http/validate.ts';
import { IMPORT_MESSAGES, importLang } from '../orders/import/messages.ts';
import { jsonSource } from '../orders/import/sources.ts';
import { drainRequest, openUpload, uploadLimits } from '../orders/import/upload.ts';
import { comparisonPage } from './report-html.ts';
import * as service from './service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ListQuery = z.object({ date: LocalDateField.optional() });

export function savingsRoutes(deps: { db: Db; config: Config }): Router {
  const { db, config } = deps;
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');
  const geocoder = geocoderFromConfig(config);
  const limits = uploadLimits(config);
  // As the orders import: what is left of a refused body is read up to this much, then closed.
  const drainBytes = Math.max(4 * limits.maxBytes, 64 * 1024 * 1024);

  r.post('/baselines', staff, async (req, res) => {
    const actor = actorOf(req);
    const messages = IMPORT_MESSAGES[importLang(req.get('accept-language'))];
    const query = req.query as Record<string, unknown>;
    try {
      // A JSON body was already read by the API's JSON body parser; files are streamed here.
      if (req.is('application/json') && !Array.isArray(req.body)) {
        throw new AppError('bad_request', messages.jsonNotArray, {
          details: [{ field: 'body', message: messages.jsonNotArray }],
        });
      }
      const upload = Array.isArray(req.body)
        ? { source: jsonSource(req.body, messages), filename: null, fields: {} }
        : await openUpload(req, (f) => f.sheet ?? (query.sheet as string | undefined), messages, limits);
      const options = parse(BaselineImportOptions, { ...query, ...upload.fields }, 'options');
      const out = await service.importBaseline({ db, config, geocoder }, actor, {
        source: upload.source,
        filename: upload.filename,
        date: options.date,
        name: options.name,
        messages,
      });
      if (!out.ok) {
        const first = out.errors[0]!;
        throw new AppError(
          'unprocessable',
          `${out.errors.length} problem(s) in the file; first: row ${first.row}, ${first.column}: ${first.message}`,
          { details: { errors: out.errors } },
        );
      }
      res.status(201).json(out.baseline);
    } finally {
      await drainRequest(req, drainBytes);
    }
  });

  r.get('/baselines', staff, async (req, res) => {
    const q = parse(ListQuery, req.query, 'query');
    res.json(await service.listBaselines(db, actorOf(req), q.date ?? null));
  });

  r.get('/baselines/:id', staff, async (req, res) => {
    const id = idParam(req.params);
    if (!UUID.test(id)) throw new AppError('not_found', 'Baseline not found');
    res.json(await service.getBaseline(db, actorOf(req), id));
  });

  const compare = async (planId: string, query: unknown, actor: ReturnType<typeof actorOf>) => {
    const q = parse(CompareQuery, query, 'query');
    if (!UUID.test(planId)) throw new AppError('not_found', 'Plan not found');
    return service.comparePlan({ db, config }, actor, planId, q.baseline);
  };

  r.get('/plans/:id/compare', staff, async (req, res) => {
    res.json((await compare(idParam(req.params), req.query, actorOf(req))).comparison);
  });

  r.get('/plans/:id/compare.html', staff, async (req, res) => {
    const { comparison, baseline } = await compare(idParam(req.params), req.query, actorOf(req));
    res.type('html').send(comparisonPage(comparison, baseline));
  });

  return r;
}
