/**
 * `GET /api/metrics`: Prometheus text for this process, only when METRICS_TOKEN is set (else the
 * route does not exist: 404) and only to `Authorization: Bearer <METRICS_TOKEN>` (else 401).
 * Each app has its own registry (never prom-client's global one): tests run several apps in one
 * process, and each must count only its own requests.
 */
import { timingSafeEqual } from 'node:crypto';
import { type Express, type Request, Router } from 'express';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { type CollectorDeps, registerCollectors } from './collectors.ts';
import { httpLatency } from './http-latency.ts';

function bearerMatches(req: Request, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Adds the latency middleware to `app` and `/metrics` to `api`; does nothing without METRICS_TOKEN. */
export function mountMetrics(
  deps: CollectorDeps & { app: Express; api: Router; config: Pick<Config, 'METRICS_TOKEN'> },
): Registry | null {
  const token = deps.config.METRICS_TOKEN;
  if (!token) return null;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerCollectors(registry, deps);
  deps.app.use(httpLatency(registry));
  const r = Router();
  r.get('/metrics', async (req, res) => {
    if (!bearerMatches(req, token))
      throw new AppError('unauthorized', 'Authorization: Bearer <METRICS_TOKEN> required', {
        headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
      });
    res.setHeader('Content-Type', registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await registry.metrics());
  });
  deps.api.use(r);
  return registry;
}
