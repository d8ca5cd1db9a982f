import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Ctx } from '../commands/context.js';
import { kinerja, kinerjaLeague, kinerjaRange, MAX_KINERJA_DAYS, type KinerjaRange } from '../queries/kinerja.js';
import { csvCell } from '../domain/audit.js';
import { allow } from './actor.js';
import { query } from './validate.js';
import { WibDay } from '../contract/wib-day.js';

// days=N: the last N days of the city's calendar up to the hub's today, so a wall with a wrong clock still asks for the right range.
export const RangeQuery = z.object({ from: WibDay.optional(), to: WibDay.optional(), days: z.coerce.number().int().min(1).max(MAX_KINERJA_DAYS).optional() });

export function statsRouter(ctx: Ctx): Router {
  const router = Router();

  /** The asked range, or null (answered 400) when it is not 1 to MAX_KINERJA_DAYS days. */
  function range(req: Request, res: Response): KinerjaRange | null {
    const r = kinerjaRange(ctx, req.input as z.infer<typeof RangeQuery>);
    if (r.days >= 1 && r.days <= MAX_KINERJA_DAYS) return r;
    res.status(400).json({ error: 'invalid', field: 'from', message: `from: a range of 1 to ${MAX_KINERJA_DAYS} days, from before to` });
    return null;
  }

  router.get('/', allow('stats.read'), query(RangeQuery), async (req: Request, res: Response) => {
    const r = range(req, res);
    if (r) res.json(await kinerja(ctx, r));
  });

  router.get('/agencies.csv', allow('audit.export'), query(RangeQuery), async (req: Request, res: Response) => {
    const r = range(req, res);
    if (!r) return;
    const header = ['rank', 'agency', 'open', 'breached_open', 'received', 'dispatched', 'fixed', 'rejected', 'merged', 'reopened', 'returned_proofs',
      'response_p50_h', 'response_p90_h', 'resolution_p50_h', 'resolution_p90_h', 'response_on_time', 'resolution_on_time',
      'backlog_0_1d', 'backlog_1_3d', 'backlog_3_7d', 'backlog_over_7d'];
    const rows = (await kinerjaLeague(ctx, r)).map((a, i) => [i + 1, a.agencyId, a.open, a.breachedOpen, a.received, a.dispatched, a.fixed, a.rejected, a.merged, a.reopened,
      a.returnedProofs, a.responseHours.p50, a.responseHours.p90, a.resolutionHours.p50, a.resolutionHours.p90, a.responseOnTime, a.resolutionOnTime,
      a.backlog.upTo1d, a.backlog.d1to3, a.backlog.d3to7, a.backlog.over7d].map((v) => csvCell(String(v ?? ''))).join(','));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="pantau-kinerja-${r.fromDay}-${r.toDay}.csv"`);
    res.send([header.join(','), ...rows].join('\n') + '\n');
  });
  return router;
}
