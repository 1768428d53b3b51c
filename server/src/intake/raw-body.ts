/**
 * The shop webhooks' raw body: their signature is over the bytes as sent, so /api/intake reads
 * them itself (up to 2 MB) before the API's JSON parser, which then skips the request. `req.body`
 * is the parsed JSON (or, for a form body such as WooCommerce's ping, `{}`).
 */
import type { RequestHandler } from 'express';
import { AppError } from '../errors.ts';

export const MAX_INTAKE_BYTES = 2 * 1024 * 1024;

declare global {
  namespace Express {
    interface Request {
      rawBody?: Buffer;
    }
  }
}

export function intakeRawBody(): RequestHandler {
  return (req, _res, next) => {
    if (req.method !== 'POST') return next();
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_INTAKE_BYTES && !failed) {
        failed = true;
        next(new AppError('bad_request', `body: larger than ${MAX_INTAKE_BYTES} bytes`, { status: 413 }));
      }
      if (!failed) chunks.push(c);
    });
    req.on('error', (err) => {
      if (!failed) next(err);
      failed = true;
    });
    req.on('end', () => {
      if (failed) return;
      const raw = Buffer.concat(chunks);
      req.rawBody = raw;
      let body: unknown = {};
      if (/json/i.test(req.headers['content-type'] ?? '') && raw.length > 0) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          body = null;
        }
      }
      req.body = body;
      next();
    });
  };
}
