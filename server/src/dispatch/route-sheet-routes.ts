/**
 * Route sheets over HTTP:
 *   GET /api/route-sheets?date=[&driverId=][&format=csv|html][&lang=fr|en]
 *       without driverId: every driver's routes of the day, one printed page each (staff only);
 *       with it: that driver's (a driver may read only their own, once published)
 *   GET /api/route-sheets/print.js   the print button's few lines (the CSP allows no inline script)
 */
import { RouteSheetsQuery } from '@tournee/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { parse } from '../http/validate.ts';
import { listRoutesOfDay } from '../lifecycle/route-repo.ts';
import { routeSheetCsv, routeSheetHtml, sheetsOfDay } from './route-sheet.ts';
import { sheetContext } from './route-sheet-repo.ts';
import { longDate, SHEET_TEXT, sheetLanguage } from './route-sheet-text.ts';

const PRINT_JS = "document.getElementById('print')?.addEventListener('click', () => window.print());\n";

export function routeSheetRoutes(deps: { db: Db }): Router {
  const r = Router();
  r.get('/route-sheets/print.js', (_req, res) => {
    res.type('application/javascript').setHeader('cache-control', 'public, max-age=86400').send(PRINT_JS);
  });
  r.get('/route-sheets', requireRole('admin', 'dispatcher', 'driver'), async (req, res) => {
    const q = parse(RouteSheetsQuery, req.query, 'query');
    const actor = actorOf(req);
    if (actor.role === 'driver' && (!q.driverId || req.user?.driverId !== q.driverId)) {
      throw new AppError('forbidden', 'driverId: a driver may only read their own route sheet');
    }
    const routes = (await listRoutesOfDay(deps.db, actor.orgId, q.date, { driverId: q.driverId })).filter(
      (route) => actor.role !== 'driver' || route.status !== 'planned',
    );
    const ctx = await sheetContext(deps.db, actor.orgId, routes[0]?.depotId ?? null, q.driverId ?? null);
    const lang = sheetLanguage(q.lang, ctx.locale);
    const t = SHEET_TEXT[lang];
    if (q.format === 'csv') {
      res.type('text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="route-${q.date}.csv"`);
      res.send(`\uFEFF${routeSheetCsv(routes, ctx.zone, ctx.dimensions)}`);
      return;
    }
    const day = longDate(q.date, lang);
    const sheets = sheetsOfDay(routes);
    // A driver asked for by id has a page even on a day without a route (it says so).
    const title = q.driverId ? t.titleOne(ctx.driverName ?? t.driverless, day) : t.title(day);
    res.type('html').send(
      routeSheetHtml(sheets, {
        zone: ctx.zone,
        dimensions: ctx.dimensions,
        lang,
        phoneCountry: ctx.country,
        title,
        localDate: q.date,
        printScript: '/api/route-sheets/print.js',
      }),
    );
  });
  return r;
}
