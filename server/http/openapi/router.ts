import { Router, type Request, type Response } from 'express';
import { buildOpenApi } from './document.js';
import { docsPage } from './docs-page.js';

/**
 * GET /api/openapi.json and /api/docs: public, because a description grants nothing. Both are made once, on the
 * first request, from the route table; a hub's routes do not change while it runs.
 */
export function apiDocsRouter(): Router {
  const router = Router();
  let doc: { json: string; html: string } | null = null;
  const made = () => {
    if (!doc) {
      const d = buildOpenApi();
      doc = { json: JSON.stringify(d), html: docsPage(d) };
    }
    return doc;
  };
  router.get('/openapi.json', (_req: Request, res: Response) => {
    res.type('application/json').set('Cache-Control', 'no-cache').send(made().json);
  });
  router.get('/docs', (_req: Request, res: Response) => {
    res.type('text/html').set('Cache-Control', 'no-cache').send(made().html);
  });
  return router;
}
