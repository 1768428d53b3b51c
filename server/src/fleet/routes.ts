import { Router } from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';

// Placeholder wired by app.ts; the fleet module fills it in.
export function fleetRoutes(_db: Db, _config: Config): Router {
  return Router();
}
