import { Router } from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';

// Placeholder wired by app.ts; the orders module fills it in.
export function ordersRoutes(_deps: { db: Db; config: Config; log: Logger }): Router {
  return Router();
}
