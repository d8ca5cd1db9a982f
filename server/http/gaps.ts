import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Ctx } from '../commands/context.js';
import { hubGaps } from '../queries/gaps.js';
import { allow } from './actor.js';
import { query } from './validate.js';

const MAX_RANGE_MS = 400 * 86400_000;
export const GapsQuery = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }).optional() });

/** GET /api/stats/gaps?from&to: the periods in the range when no hub was collecting, for the "data gap" bands. */
export function gapsRouter(ctx: Ctx): Router {
  const router = Router();
  router.get('/', allow('stats.read'), query(GapsQuery), async (req: Request, res: Response) => {
    const q = req.input as z.infer<typeof GapsQuery>;
    const now = ctx.now();
    const from = new Date(q.from).toISOString();
    const to = new Date(Math.min(Date.parse(q.to ?? now.toISOString()), now.getTime())).toISOString();
    if (Date.parse(to) <= Date.parse(from) || Date.parse(to) - Date.parse(from) > MAX_RANGE_MS)
      return res.status(400).json({ error: 'invalid', field: 'from', message: 'from: must be before to (and before now), at most 400 days apart' });
    res.json({ from, to, gaps: await hubGaps(ctx, from, to, now) });
  });
  return router;
}
