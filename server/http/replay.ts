import { namingField } from './errors.js';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Ctx } from '../commands/context.js';
import { replayBetween } from '../queries/replay.js';
import { dayStart } from '../domain/time.js';
import { allow } from './actor.js';
import { query } from './validate.js';

const DAY_MS = 86400_000;
/** A replay covers at most a week: the time windows' longest, and a briefing's. */
const MAX_RANGE_MS = 7 * DAY_MS;

const Instant = z.string().datetime({ offset: true, message: 'an ISO time with its offset, e.g. 2026-11-23T01:00:00Z' });
export const ReplayQuery = z.object({
  date: z.string().regex(/^\d{4}-\d\d-\d\d$/, 'a WIB date, YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)), 'not a calendar date').optional(),
  from: Instant.optional(),
  to: Instant.optional(),
});

/** GET /api/replay?date=YYYY-MM-DD (a WIB day) or ?from=…&to=…: the state at the start and the changes after it. */
export function replayRouter(ctx: Ctx): Router {
  const router = Router();
  router.get('/', allow('replay.watch'), query(ReplayQuery), async (req: Request, res: Response) => {
    const q = req.input as z.infer<typeof ReplayQuery>;
    const bad = (field: string, message: string) => res.status(400).json({ error: 'invalid', field, message: namingField(field, message) });
    let from: number;
    let to: number;
    if (q.date) {
      if (q.from || q.to) return bad('date', 'give either date or from and to, not both');
      from = Date.parse(dayStart(q.date, ctx.city.clock));
      to = from + DAY_MS;
    } else {
      if (!q.from) return bad('from', 'give a WIB date (date=YYYY-MM-DD) or a start time (from)');
      from = Date.parse(q.from);
      to = q.to ? Date.parse(q.to) : from + DAY_MS;
      if (to <= from) return bad('to', 'to must be after from');
      if (to - from > MAX_RANGE_MS) return bad('to', 'a replay covers at most 7 days');
    }
    const now = ctx.now().getTime();
    if (from >= now) return bad(q.date ? 'date' : 'from', 'nothing has happened yet at that time');
    // Today's replay runs up to now: what has not happened cannot be played.
    to = Math.min(to, now);
    res.setHeader('Cache-Control', 'private, no-store');
    res.json(await replayBetween(ctx, new Date(from).toISOString(), new Date(to).toISOString()));
  });
  return router;
}
