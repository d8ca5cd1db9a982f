import type { Request, Response } from 'express';
import type { Ctx } from '../commands/context.js';
import { mayOpenReport } from '../domain/access.js';
import type { ReportState } from '../domain/reports.js';

/**
 * The report a staff route names by :id, if this caller may open it: 404 naming the id when there is none, 403 when
 * it is another agency's (operators and field supervisors see their own agency's only). Sends the refusal itself
 * and returns null, so a handler reads `const r = await reportForActor(ctx, req, res); if (!r) return;`.
 */
export async function reportForActor(ctx: Ctx, req: Request, res: Response): Promise<ReportState | null> {
  const r = await ctx.store.query((p) => p.reports.report(req.reportId));
  if (!r) return (res.status(404).json({ error: 'not_found', field: 'id', message: `no report ${req.params.id}` }), null);
  if (!mayOpenReport(req.actor, r.agencyId)) return (res.status(403).json({ error: 'forbidden', field: 'id', message: `report ${r.ticket} belongs to another agency` }), null);
  return r;
}
