import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { Ctx } from '../commands/context.js';
import { AssignLayout } from '../contract/layouts.js';
import { assignLayout, listDisplays } from '../commands/layouts.js';
import { revokeDisplay } from '../commands/displays.js';
import { allow } from './actor.js';
import { body } from './validate.js';
import { sendRefusal } from './errors.js';

/**
 * The displays connected right now, to any hub: set by the hub once the realtime server exists. This hub's sockets
 * and what the other live hubs wrote to the store (jobs/display-presence.ts), so behind several hubs a console sees
 * screens connected to the others too.
 */
export type Presence = { connected: () => Promise<ReadonlySet<string>> };

/** The console's page of wall displays: which layout each shows, whether it is connected, and assigning a new one. */
export function displaysRouter(ctx: Ctx, presence: Presence): Router {
  const router = Router();
  router.get('/', allow('displays.manage'), async (_req, res) => {
    const connected = await presence.connected().catch(() => new Set<string>());
    res.json({ displays: await listDisplays(ctx, (id) => connected.has(id)), revoked: await ctx.store.query((p) => p.room.revokedDisplays(20)) });
  });
  // The screen's token stops working at once: the hub disconnects it on every hub, and it cannot connect again.
  router.post('/:id/revoke', allow('displays.manage'), async (req: Request, res: Response) => {
    const r = await revokeDisplay(ctx, req.actor, String(req.params.id));
    if (!r.ok) return sendRefusal(res, r);
    res.json(r.value);
  });
  router.put('/:id/layout', allow('displays.manage'), body(AssignLayout), async (req: Request, res: Response) => {
    const r = await assignLayout(ctx, req.actor, String(req.params.id), (req.input as z.infer<typeof AssignLayout>).layout);
    if (!r.ok) return sendRefusal(res, r);
    res.json(r.value);
  });
  return router;
}
