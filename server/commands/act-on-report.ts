import type { Actor } from '../contract/roles.js';
import { applyEvent, decide, refuse, type Command, type ReportState } from '../domain/reports.js';
import { commit, type Ctx, type Result } from './context.js';

/** Every lifecycle step after intake: load, decide, append + project in one transaction, publish. */
export function actOnReport(ctx: Ctx, actor: Actor, reportId: number, cmd: Command): Result<ReportState> {
  let outcome: Result<ReportState> = refuse('not_found', `report ${reportId} does not exist`, 'reportId');
  commit(ctx, () => {
    const report = ctx.store.reports.get(reportId);
    if (!report) return [];
    if (cmd.action === 'merge') {
      const into = cmd.intoReportId !== undefined ? ctx.store.reports.get(cmd.intoReportId) : null;
      if (!into) {
        outcome = refuse('not_found', `report ${cmd.intoReportId} to merge into does not exist`, 'intoReportId');
        return [];
      }
    }
    if (cmd.action === 'reroute' && !ctx.city.profile.agencies.some((a) => a.id === cmd.agencyId)) {
      outcome = refuse('invalid', `unknown agency ${cmd.agencyId}`, 'agencyId');
      return [];
    }
    const d = decide(report, cmd, actor, ctx.now());
    if (!d.ok) {
      outcome = d;
      return [];
    }
    const seq = ctx.store.events.append(d.event);
    const next = applyEvent(report, d.event, seq);
    ctx.store.reports.put(next);
    outcome = { ok: true, value: next };
    return [{ event: { ...d.event, seq }, report: next }];
  });
  return outcome;
}
