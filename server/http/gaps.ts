import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Ctx } from '../commands/context.js';
import { dataGaps } from '../domain/gaps.js';
import { HEARTBEAT_MS } from '../jobs/hub-heartbeat.js';
import { allow } from './actor.js';
import { query } from './validate.js';

const MAX_RANGE_MS = 400 * 86400_000;
export const GapsQuery = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }).optional() });

/** GET /api/stats/gaps?from&to: the periods in the range when no hub was collecting, for the "data gap" bands. */
export function gapsRouter(ctx: Ctx): Router {
  const router = Router();
  router.get('/', allow('stats.read'), query(GapsQuery), (req: Request, res: Response) => {
    const q = req.input as z.infer<typeof GapsQuery>;
    const now = ctx.now();
    const from = new Date(q.from).toISOString();
    const to = new Date(Math.min(Date.parse(q.to ?? now.toISOString()), now.getTime())).toISOString();
    if (Date.parse(to) <= Date.parse(from) || Date.parse(to) - Date.parse(from) > MAX_RANGE_MS)
      return res.status(400).json({ error: 'invalid', field: 'from', message: 'from: must be before to (and before now), at most 400 days apart' });
    const runs = ctx.store.hubRuns.overlapping(from, to);
    // The hub answering is alive now, whatever its last heartbeat says.
    const withNow = [...runs, { startedAt: now.toISOString(), lastAliveAt: now.toISOString() }];
    res.json({ from, to, gaps: dataGaps(withNow, { from, to }, { slackMs: HEARTBEAT_MS * 2, minMs: HEARTBEAT_MS * 2 }) });
  });
  return router;
}
