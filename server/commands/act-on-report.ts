import type { Actor } from '../contract/roles.js';
import { decide, refuse, type Command, type ReportState } from '../domain/reports.js';
import { mayBeDispatched } from '../domain/access.js';
import { commit, type Committed, type Ctx, type Result } from './context.js';
import { mergeOrUnmerge } from './merge-reports.js';

export type ActOptions = {
  /** A client-generated id (the field page's outbox): the same id again returns the first result, applying nothing. */
  clientId?: string;
  /** Runs inside the transaction once the step is decided: records what the event refers to (photo rows). */
  alsoWrite?: () => void;
};

/** Every lifecycle step after intake: load, decide, append + project in one transaction, publish. */
export function actOnReport(ctx: Ctx, actor: Actor, reportId: number, cmd: Command, opts: ActOptions = {}): Result<ReportState> {
  // Merging touches two reports (the duplicate and its primary's reporter count): its own command.
  if (cmd.action === 'merge' || cmd.action === 'unmerge') return mergeOrUnmerge(ctx, actor, reportId, cmd, opts);
  return commit(ctx, (): [Result<ReportState>, Committed[]] => {
    const replay = opts.clientId ? replayed(ctx, actor, reportId, opts.clientId) : null;
    if (replay) return [replay, []];
    const report = ctx.store.reports.get(reportId);
    if (!report) return [refuse('not_found', `report ${reportId} does not exist`, 'reportId'), []];
    if (cmd.action === 'reroute' && !ctx.city.profile.agencies.some((a) => a.id === cmd.agencyId))
      return [refuse('invalid', `unknown agency ${cmd.agencyId}`, 'agencyId'), []];
    if (cmd.action === 'dispatch' && cmd.assigneeId && !mayBeDispatched(ctx.store.accounts.get(cmd.assigneeId), report.agencyId))
      return [refuse('invalid', 'dispatch to an active field supervisor of the agency that owns the report', 'assigneeId'), []];
    const d = decide(report, cmd, actor, ctx.now());
    if (!d.ok) return [d, []];
    opts.alsoWrite?.();
    const { seq, report: next } = ctx.store.projector.append(d.event);
    if (!next) throw new Error(`report event ${d.event.type} projected no report`);
    if (opts.clientId) ctx.store.clientCommands.add({ clientId: opts.clientId, actorId: actor.id, reportId, seq, createdAt: d.event.at });
    return [{ ok: true, value: next }, [{ event: { ...d.event, seq }, report: next }]];
  });
}

/** A command already applied under this client id answers with the report as it is now. */
export function replayed(ctx: Ctx, actor: Actor, reportId: number, clientId: string): Result<ReportState> | null {
  const seen = ctx.store.clientCommands.get(clientId);
  if (!seen) return null;
  if (seen.actorId !== actor.id || seen.reportId !== reportId) return refuse('conflict', 'this command id was already used for another command', 'clientId');
  const report = ctx.store.reports.get(reportId);
  return report ? { ok: true, value: report } : refuse('not_found', `report ${reportId} does not exist`, 'reportId');
}
