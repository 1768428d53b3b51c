import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logger.ts';
import { AppError } from '../errors.ts';

/** Maps AppError to its status and body; anything else is logged and answered as `internal`. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
      res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
      return;
    }
    // Body-parser errors carry a status (400 malformed JSON, 413 too large): keep it.
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status < 500) {
      res.status(status).json({ error: { code: 'bad_request', message: String(err.message ?? 'Bad request') } });
      return;
    }
    log.error({ err, method: req.method, url: req.originalUrl, user: req.user?.id }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side' } });
  };
}
