/**
 * GET /api/openapi.json   the OpenAPI 3.1 document (public: it holds no data)
 * GET /api/docs           a page listing the operations, their parameters and bodies
 */
import { Router } from 'express';
import { openApiDocument } from './document.ts';
import { docsPage } from './docs-page.ts';

export function openApiRoutes(): Router {
  const r = Router();
  let cached: ReturnType<typeof openApiDocument> | null = null;
  const doc = () => {
    cached ??= openApiDocument('/api');
    return cached;
  };
  r.get('/openapi.json', (_req, res) => {
    res.json(doc());
  });
  r.get('/docs', (_req, res) => {
    res.type('html').send(docsPage(doc()));
  });
  return r;
}
