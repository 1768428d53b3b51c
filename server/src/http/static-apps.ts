import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { REPO_ROOT } from '../paths.ts';

/**
 * Serves a built single-page app from `dir` under `mount`: hashed assets cached for a year,
 * every other path answered with index.html so client-side routes survive a reload.
 * Returns null when the app has not been built (the API still works without it).
 */
export function singlePageApp(dir: string): Router | null {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return null;
  const router = express.Router();
  router.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  router.use(express.static(dir, { index: false, maxAge: 0 }));
  router.get(/.*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

/** The dispatcher app's build folder. */
export const WEB_DIST = join(REPO_ROOT, 'web', 'dist');
/** The driver app's build folder (served under /driver/). */
export const DRIVER_PWA_DIST = join(REPO_ROOT, 'driver-pwa', 'dist');
