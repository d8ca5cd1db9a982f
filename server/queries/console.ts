import type { Ctx } from '../commands/context.js';
import type { FieldSupervisorLoad, HistoryEntry, QueueQuery, StaffReport } from '../contract/console.js';
import type { Actor } from '../contract/roles.js';
import type { DeadlineFlag } from '../domain/deadlines.js';
import { agencyScope } from '../domain/access.js';
import { allowedActions, type ReportState } from '../domain/reports.js';
import { cameraView, staffView } from '../domain/views.js';
import { nearestOnline } from '../domain/cameras.js';
import { searchTerms } from '../domain/search.js';
import { CAMERA_LOOK_METERS } from '../commands/camera-look.js';

/** How many flagged reports the reminder and escalation lists read: an agency's, or the whole city's. */
const REMINDERS_READ = 500;
const ESCALATIONS_READ = 2000;

/** The console's queue: an operator sees their own agency's reports only, whatever agency the query names. */
export function consoleQueue(ctx: Ctx, actor: Actor, q: QueueQuery): { seq: number; reports: StaffReport[] } {
  const rows = ctx.store.reports.query({
    agencyId: agencyScope(actor) ?? q.agency ?? null,
    statuses: q.status,
    categoryId: q.category,
    districtCode: q.district,
    channel: q.channel,
    createdBefore: q.olderThanHours !== undefined ? new Date(ctx.now().getTime() - q.olderThanHours * 3600_000).toISOString() : undefined,
    terms: q.q ? searchTerms(q.q, { categories: ctx.city.profile.categories, districts: ctx.city.districts }) : undefined,
    limit: q.limit,
  });
  return { seq: ctx.store.events.headSeq(), reports: rows.map((r) => staffView(r, actor, assigneeName(ctx, r.assigneeId))) };
}

/** One report opened at the console: its view, history, what the actor may do, who could take it, cameras near it. */
export function consoleReport(ctx: Ctx, actor: Actor, r: ReportState) {
  return {
    report: staffView(r, actor, assigneeName(ctx, r.assigneeId)),
    history: history(ctx, r.id),
    actions: allowedActions(r, actor),
    fieldSupervisors: fieldSupervisors(ctx, r.agencyId),
    mergedInto: r.mergedIntoId ? ctx.store.reports.get(r.mergedIntoId)?.ticket ?? null : null,
    // Operators can open a camera near the report: the nearest online ones, with distance.
    cameras: nearestOnline(ctx.store.cameras.list().map((c) => ({ ...cameraView(c), health: c.health ?? 'offline' })), r, 2 * CAMERA_LOOK_METERS, 3),
  };
}

/** Deadline reminders for the actor's agency (every agency for a supervisor) that nobody has acknowledged. */
export function reminders(ctx: Ctx, actor: Actor): { flag: DeadlineFlag; report: StaffReport }[] {
  return ctx.store.reports
    .flagged(agencyScope(actor), REMINDERS_READ)
    .flatMap((r) => r.deadlineFlags.filter((f) => f !== 'escalated' && !r.acknowledgedFlags.includes(f)).map((flag) => ({ flag, report: staffView(r, actor) })));
}

/** SP4N-LAPOR: the reports not followed up within the escalation period, for the supervisor. */
export function escalations(ctx: Ctx, actor: Actor): StaffReport[] {
  return ctx.store.reports.flagged(null, ESCALATIONS_READ).filter((r) => r.deadlineFlags.includes('escalated')).map((r) => staffView(r, actor));
}

/** An agency's field supervisors with how many open jobs each holds: whom to dispatch to. */
export function fieldSupervisors(ctx: Ctx, agencyId: string): FieldSupervisorLoad[] {
  const load = ctx.store.reports.openJobsByAssignee(agencyId);
  return ctx.store.accounts
    .fieldSupervisors(agencyId)
    .map((a) => ({ id: a.id, name: a.name, agencyId: a.agencyId!, openJobs: load.get(a.id) ?? 0 }));
}

/** A report's whole log as staff read it: who did what, with the payload's details. */
function history(ctx: Ctx, reportId: number): HistoryEntry[] {
  return ctx.store.events.forReport(reportId).map((e) => {
    const { from, to, reason, report: _initial, ...detail } = e.payload as Record<string, unknown>;
    return {
      seq: e.seq, at: e.at, type: e.type,
      actor: { id: e.actor.id, role: e.actor.role, name: e.actor.name ?? ctx.store.accounts.get(e.actor.id)?.name ?? null, agencyId: e.actor.agencyId ?? null },
      from: from as string | undefined, to: to as string | undefined, reason: reason as string | undefined, detail,
    };
  });
}

function assigneeName(ctx: Ctx, id: string | null): string | null {
  return id ? (ctx.store.accounts.get(id)?.name ?? null) : null;
}
