/**
 * A person's data (admins):
 *   GET  /api/customers/export?phone=…|email=…   every order, message, rating, stop event and proof (JSON)
 *   POST /api/customers/erase { phone?, email? }  erases and anonymises them; answers the counts
 */
import { CustomerLookup } from '@tournee/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/db.ts';
import { parse } from '../http/validate.ts';
import { eraseCustomerData, exportCustomerData } from './customer-data.ts';

export function privacyRoutes(db: Db): Router {
  const router = Router();
  const admin = requireRole('admin');
  router.get('/customers/export', admin, async (req, res) => {
    const q = parse(CustomerLookup, req.query, 'query');
    res.setHeader('content-disposition', 'attachment; filename="customer-data.json"');
    res.json(await exportCustomerData(db, actorOf(req), q));
  });
  router.post('/customers/erase', admin, async (req, res) => {
    res.json(await eraseCustomerData(db, actorOf(req), parse(CustomerLookup, req.body ?? {})));
  });
  return router;
}
