import type { Actor } from '../contract/roles.js';
import { applyEvent, decide, refuse, type Command, type ReportState } from '../domain/reports.js';
import { commit, type Committed, type Ctx, type Result } from './context.js';

/** Every lifecycle step after intake: load, decide, append + project in one transaction, publish. */
export function actOnReport(ctx: Ctx, actor: Actor, reportId: number, cmd: Command): Result<ReportState> {
  return commit(ctx, (): [Result<ReportState>, Committed[]] => {
    const report = ctx.store.reports.get(reportId);
    if (!report) return [refuse('not_found', `report ${reportId} does not exist`, 'reportId'), []];
    if (cmd.action === 'merge' && (cmd.intoReportId === undefined || !ctx.store.reports.get(cmd.intoReportId)))
      return [refuse('not_found', `report ${cmd.intoReportId} to merge into does not exist`, 'intoReportId'), []];
    if (cmd.action === 'reroute' && !ctx.city.profile.agencies.some((a) => a.id === cmd.agencyId))
      return [refuse('invalid', `unknown agency ${cmd.agencyId}`, 'agencyId'), []];
    if (cmd.action === 'dispatch' && cmd.assigneeId && ctx.store.accounts.count() > 0) {
      const fs = ctx.store.accounts.get(cmd.assigneeId);
      if (!fs || fs.role !== 'field' || fs.disabled || fs.agencyId !== report.agencyId)
        return [refuse('invalid', 'dispatch to an active field supervisor of the agency that owns the report', 'assigneeId'), []];
    }
    const d = decide(report, cmd, actor, ctx.now());
    if (!d.ok) return [d, []];
    const seq = ctx.store.events.append(d.event);
    const next = applyEvent(report, d.event, seq);
    ctx.store.reports.put(next);
    return [{ ok: true, value: next }, [{ event: { ...d.event, seq }, report: next }]];
  });
}
