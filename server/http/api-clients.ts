import { Router, type Request, type Response } from 'express';
import { NewApiClient } from '../contract/api-clients.js';
import { createApiClient, revokeApiClient } from '../commands/api-clients.js';
import type { Ctx } from '../commands/context.js';
import { allow } from './actor.js';
import { body } from './validate.js';
import { sendRefusal } from './errors.js';

/** /api/admin/api-clients: keys for Open311 clients and other systems. The key is in the create answer only. */
export function apiClientsRouter(ctx: Ctx): Router {
  const router = Router();
  router.get('/', allow('api_clients.manage'), async (_req, res) => {
    res.json({ clients: await ctx.store.query((p) => p.room.apiClients()) });
  });
  router.post('/', allow('api_clients.manage'), body(NewApiClient), async (req: Request, res: Response) => {
    const r = await createApiClient(ctx, req.actor, req.input as NewApiClient);
    if (!r.ok) return sendRefusal(res, r);
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(r.value);
  });
  router.post('/:id/revoke', allow('api_clients.manage'), async (req: Request, res: Response) => {
    const r = await revokeApiClient(ctx, req.actor, String(req.params.id));
    if (!r.ok) return sendRefusal(res, r);
    res.json({ client: r.value });
  });
  return router;
}
