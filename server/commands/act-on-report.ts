import type { Actor } from '../contract/roles.js';
import { decide, refuse, type Command, type ReportEvent, type ReportState } from '../domain/reports.js';
import { mayBeDispatched } from '../domain/access.js';
import type { City } from '../profile/load.js';
import type { MediaRow } from '../store/media.js';
import type { ReportWrites } from '../store/report-writes.js';
import type { Step } from '../store/step.js';
import { command, type Committed, type Ctx, type Result } from './context.js';
import { mergeStep } from './merge-reports.js';

export type ActOptions = {
  /** A client-generated id (the field page's outbox): the same id again returns the first result, applying nothing. */
  clientId?: string;
  /** The photos the step refers to (a proof's, a reopening's): kept in the media index in the step's transaction. */
  media?: readonly MediaRow[];
};

/** Every lifecycle step after intake: load, decide, append + project in one transaction, publish. */
export function actOnReport(ctx: Ctx, actor: Actor, reportId: number, cmd: Command, opts: ActOptions = {}): Promise<Result<ReportState>> {
  return command(ctx, (p) => actStep(p.reports, ctx.city, actor, reportId, cmd, opts, ctx.now()));
}

/** The transaction of a lifecycle step, on either store (server/store/step.ts), with what to broadcast once committed. */
export function* actStep(w: ReportWrites, city: City, actor: Actor, reportId: number, cmd: Command, opts: ActOptions, now: Date): Step<[Result<ReportState>, Committed[]]> {
  // Merging touches two reports (the duplicate and its primary's reporter count): its own step.
  if (cmd.action === 'merge' || cmd.action === 'unmerge') return yield* mergeStep(w, actor, reportId, cmd, opts, now);
  const replay = opts.clientId ? yield* replayedStep(w, actor, reportId, opts.clientId) : null;
  if (replay) return [replay, []];
  const report = yield* w.report(reportId);
  if (!report) return [refuse('not_found', `report ${reportId} does not exist`, 'reportId'), []];
  if (cmd.action === 'reroute' && !city.profile.agencies.some((a) => a.id === cmd.agencyId))
    return [refuse('invalid', `unknown agency ${cmd.agencyId}`, 'agencyId'), []];
  if (cmd.action === 'dispatch' && cmd.assigneeId && !mayBeDispatched(yield* w.account(cmd.assigneeId), report.agencyId))
    return [refuse('invalid', 'dispatch to an active field supervisor of the agency that owns the report', 'assigneeId'), []];
  const d = decide(report, cmd, actor, now);
  if (!d.ok) return [d, []];
  return yield* appendStep(w, actor, d.event, opts);
}

/** Appends a decided step with the photos it refers to and the client id it came with; what to broadcast. */
export function* appendStep(w: ReportWrites, actor: Actor, event: ReportEvent, opts: ActOptions): Step<[Result<ReportState>, Committed[]]> {
  if (opts.media?.length) yield* w.addMedia(opts.media);
  const { seq, report: next } = yield* w.append(event);
  if (!next) throw new Error(`report event ${event.type} projected no report`);
  if (opts.clientId) yield* w.addClientCommand({ clientId: opts.clientId, actorId: actor.id, reportId: event.reportId, seq, createdAt: event.at });
  return [{ ok: true, value: next }, [{ event: { ...event, seq }, report: next }]];
}

/** A command already applied under this client id answers with the report as it is now. */
export function replayed(ctx: Ctx, actor: Actor, reportId: number, clientId: string): Promise<Result<ReportState> | null> {
  return ctx.store.query((p) => replayedStep(p.reports, actor, reportId, clientId));
}

export function* replayedStep(w: ReportWrites, actor: Actor, reportId: number, clientId: string): Step<Result<ReportState> | null> {
  const seen = yield* w.clientCommand(clientId);
  if (!seen) return null;
  if (seen.actorId !== actor.id || seen.reportId !== reportId) return refuse('conflict', 'this command id was already used for another command', 'clientId');
  const report = yield* w.report(reportId);
  return report ? { ok: true, value: report } : refuse('not_found', `report ${reportId} does not exist`, 'reportId');
}
