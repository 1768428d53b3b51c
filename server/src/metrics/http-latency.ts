/**
 * The HTTP latency histogram, labelled by method, route *pattern* (`/api/orders/:id`, never the
 * raw path with its ids: one series per route, not per order) and status class (`2xx`).
 */
import type { Request, RequestHandler } from 'express';
import { Histogram, type Registry } from 'prom-client';

/** Label of requests no route answered: the API's 404s, and the apps' static files. */
export const UNMATCHED_API = '/api/(unmatched)';
export const STATIC = '(static)';

// A regular-expression route (the apps' index.html fallback) is one series: `*`.
function patternOf(path: unknown): string {
  return typeof path === 'string' ? path : '*';
}

/**
 * Remembers the route pattern with its mount path at the moment the router matches it. Read at
 * the response's end instead, `req.baseUrl` is already reset when the handler failed (the error
 * travels back up to the app's error handler), so `/api` would go missing from those.
 */
function captureRoute(req: Request): () => string | null {
  let label: string | null = null;
  let route: unknown;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set: (r: { path?: unknown } | undefined) => {
      route = r;
      if (r) label = `${req.baseUrl}${patternOf(r.path)}`;
    },
  });
  return () => label;
}

/** Registers the histogram in `registry`; the middleware observes every request that reaches Express. */
export function httpLatency(registry: Registry): RequestHandler {
  const histogram = new Histogram({
    name: 'tournee_http_request_duration_seconds',
    help: 'HTTP request duration, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    const route = captureRoute(req);
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const path = req.originalUrl.split('?')[0] ?? '';
      const label = route() ?? (path === '/api' || path.startsWith('/api/') ? UNMATCHED_API : STATIC);
      histogram.observe({ method: req.method, route: label, status: `${Math.floor(res.statusCode / 100)}xx` }, seconds);
    });
    next();
  };
}
