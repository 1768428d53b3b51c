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
      const message = clientErrorMessage(err);
      res.status(status).json({ error: { code: status === 404 ? 'not_found' : 'bad_request', message } });
      return;
    }
    log.error({ err, method: req.method, url: req.originalUrl, user: req.user?.id }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side' } });
  };
}

/** What a 4xx error from Express or body-parser tells the client, naming the body when it is at fault. */
function clientErrorMessage(err: { type?: unknown; message?: unknown; limit?: unknown }): string {
  const detail = String(err.message ?? 'Bad request');
  switch (err.type) {
    case 'entity.parse.failed':
      return `Invalid body: malformed JSON (${detail})`;
    case 'entity.too.large':
      return `Invalid body: larger than the limit of ${String(err.limit)} bytes`;
    case 'request.aborted':
    case 'request.size.invalid':
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return `Invalid body: ${detail}`;
    default:
      return detail;
  }
}
