import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Ctx } from '../commands/context.js';
import { agencyFigures, dailyTrend, league, openByDistrict } from '../domain/stats.js';
import { dayStart, localDay } from '../domain/time.js';
import { csvCell } from '../domain/audit.js';
import { allow } from './actor.js';
import { query } from './validate.js';
import { WibDay } from '../contract/wib-day.js';

// days=N: the last N days of the city's calendar up to the hub's today, so a wall with a wrong clock still asks for the right range.
export const RangeQuery = z.object({ from: WibDay.optional(), to: WibDay.optional(), days: z.coerce.number().int().min(1).max(400).optional() });
const MAX_DAYS = 400;

export function statsRouter(ctx: Ctx): Router {
  const router = Router();

  /** A range of the city's days, [from 00:00, to 24:00); the last 7 days up to today by default. */
  function range(q: z.infer<typeof RangeQuery>) {
    const today = localDay(ctx.now(), ctx.city.clock);
    const toDay = q.to ?? today;
    const fromDay = q.from ?? new Date(Date.parse(toDay) - ((q.days ?? 7) - 1) * 86400_000).toISOString().slice(0, 10);
    const from = dayStart(fromDay, ctx.city.clock);
    const end = new Date(Date.parse(dayStart(toDay, ctx.city.clock)) + 86400_000).toISOString();
    // "Open" and the backlog are as of the end of the range, or now when the range runs to today.
    const to = end > ctx.now().toISOString() ? ctx.now().toISOString() : end;
    return { fromDay, toDay, from, to, days: (Date.parse(end) - Date.parse(from)) / 86400_000 };
  }

  function figures(req: Request, res: Response) {
    const r = range(req.input as z.infer<typeof RangeQuery>);
    if (r.days < 1 || r.days > MAX_DAYS) {
      res.status(400).json({ error: 'invalid', field: 'from', message: `from: a range of 1 to ${MAX_DAYS} days, from before to` });
      return null;
    }
    const facts = ctx.store.stats.facts(r.from, r.to);
    const agencies = league(agencyFigures(facts, ctx.city.profile.agencies.map((a) => a.id), r));
    return { r, facts, agencies };
  }

  router.get('/', allow('stats.read'), query(RangeQuery), (req: Request, res: Response) => {
    const f = figures(req, res);
    if (!f) return;
    res.json({
      range: { from: f.r.fromDay, to: f.r.toDay, asOf: f.r.to },
      agencies: f.agencies,
      trend: dailyTrend(f.facts, f.r, ctx.city.clock),
      districts: openByDistrict(f.facts, f.r.to),
    });
  });

  router.get('/agencies.csv', allow('audit.export'), query(RangeQuery), (req: Request, res: Response) => {
    const f = figures(req, res);
    if (!f) return;
    const header = ['rank', 'agency', 'open', 'breached_open', 'received', 'dispatched', 'fixed', 'rejected', 'merged', 'reopened', 'returned_proofs',
      'response_p50_h', 'response_p90_h', 'resolution_p50_h', 'resolution_p90_h', 'response_on_time', 'resolution_on_time',
      'backlog_0_1d', 'backlog_1_3d', 'backlog_3_7d', 'backlog_over_7d'];
    const rows = f.agencies.map((a, i) => [i + 1, a.agencyId, a.open, a.breachedOpen, a.received, a.dispatched, a.fixed, a.rejected, a.merged, a.reopened,
      a.returnedProofs, a.responseHours.p50, a.responseHours.p90, a.resolutionHours.p50, a.resolutionHours.p90, a.responseOnTime, a.resolutionOnTime,
      a.backlog.upTo1d, a.backlog.d1to3, a.backlog.d3to7, a.backlog.over7d].map((v) => csvCell(String(v ?? ''))).join(','));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="pantau-kinerja-${f.r.fromDay}-${f.r.toDay}.csv"`);
    res.send([header.join(','), ...rows].join('\n') + '\n');
  });
  return router;
}
