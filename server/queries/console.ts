import type { Ctx } from '../commands/context.js';
import type { FieldSupervisorLoad, HistoryEntry, QueueAnswer, QueueQuery, QueueTotal, StaffReport } from '../contract/console.js';
import type { QueueFilter } from '../store/reports.js';
import type { Actor } from '../contract/roles.js';
import type { DeadlineFlag } from '../domain/deadlines.js';
import { agencyScope } from '../domain/access.js';
import { allowedActions, type Action, type ReportState } from '../domain/reports.js';
import { cameraView, staffView } from '../domain/views.js';
import { CAMERA_LOOK_METERS, nearestOnline } from '../domain/cameras.js';
import { searchTerms } from '../domain/search.js';
import type { Ports } from '../store/ports.js';
import type { ReportWrites } from '../store/report-writes.js';
import type { Step } from '../store/step.js';
import type { City } from '../profile/load.js';

/** How many flagged reports the reminder and escalation lists read: an agency's, or the whole city's. */
const REMINDERS_READ = 500;
const ESCALATIONS_READ = 2000;

/** A first page counts its reports this far (each match costs a row read); beyond it the console says "more than". */
export const QUEUE_COUNT_CAP = 1_000;
/** A queue that asks what changed since a seq gets its first page again when more reports than this changed. */
const QUEUE_CHANGES_READ = 500;

/** The console's queue: an operator sees their own agency's reports only, whatever agency the query names. */
export const consoleQueue = (ctx: Ctx, actor: Actor, q: QueueQuery): Promise<QueueAnswer> => ctx.store.query((p) => consoleQueueStep(p, ctx.city, actor, q, ctx.now()));

/**
 * consoleQueue on either store (server/store/step.ts), in one read transaction: the rows are exactly the log up to
 * seq, so the next `since` misses nothing.
 */
export function* consoleQueueStep(p: Ports, city: City, actor: Actor, q: QueueQuery, now: Date): Step<QueueAnswer> {
  const filter: QueueFilter = {
    agencyId: agencyScope(actor) ?? q.agency ?? null,
    statuses: q.status,
    categoryId: q.category,
    districtCode: q.district,
    channel: q.channel,
    breached: q.breached === undefined ? undefined : q.breached === 'true',
    createdBefore: q.olderThanHours !== undefined ? new Date(now.getTime() - q.olderThanHours * 3600_000).toISOString() : undefined,
    terms: q.q ? searchTerms(q.q, { categories: city.profile.categories, districts: city.districts }) : undefined,
  };
  function* view(rows: ReportState[]) {
    const out: StaffReport[] = [];
    for (const r of rows) out.push(staffView(r, actor, yield* assigneeName(p, r.assigneeId)));
    return out;
  }
  function* total(): Step<QueueTotal> {
    const n = yield* p.reads.queueCount(filter, QUEUE_COUNT_CAP);
    return { count: n, atLeast: n >= QUEUE_COUNT_CAP };
  }
  const seq = yield* p.reports.headSeq();
  // With an age filter a report joins the list by growing old, which no event marks: `since` cannot see it, so
  // such a list is answered with its first page again.
  if (q.since !== undefined && q.olderThanHours === undefined) {
    const changes = yield* p.reads.queueChanges(filter, q.since, QUEUE_CHANGES_READ);
    if (changes) return { seq, reports: yield* view(changes.matching), gone: changes.gone, ...(q.total !== 'false' ? { total: yield* total() } : {}) };
  }
  const rows = yield* p.reads.queuePage(filter, { before: q.cursor, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return {
    seq,
    reports: yield* view(page),
    next: rows.length > q.limit ? page[page.length - 1].id : null,
    ...(q.cursor === undefined && q.total !== 'false' ? { total: yield* total() } : {}),
    ...(q.since !== undefined ? { reset: true as const } : {}),
  };
}

/** One report opened at the console: its view, history, what the actor may do, who could take it, cameras near it. */
export const consoleReport = (ctx: Ctx, actor: Actor, r: ReportState) =>
  ctx.store.query((p) => consoleReportStep(p, actor, r)).then((v) => ({ ...v, actions: actionsHere(ctx, r, v.actions), forwardTo: forwardTargets(ctx, r) }));

/** The cities a report may be forwarded to: the installation's others that have its service (another would refuse it). */
export const forwardTargets = (ctx: Ctx, r: ReportState) => ctx.forwarding?.cities.filter((c) => ctx.forwarding!.accepts(c.id, r.categoryId)) ?? [];

/** The actions the lifecycle allows, less forwarding where there is no city to forward this report to. */
export const actionsHere = (ctx: Ctx, r: ReportState, actions: Action[]): Action[] => (forwardTargets(ctx, r).length ? actions : actions.filter((a) => a !== 'forward'));

/** consoleReport on either store (server/store/step.ts), in one read. */
export function* consoleReportStep(p: Ports, actor: Actor, r: ReportState) {
  const merged = r.mergedIntoId ? yield* p.reports.report(r.mergedIntoId) : null;
  const cameras = yield* p.cameras.list();
  return {
    report: staffView(r, actor, yield* assigneeName(p, r.assigneeId)),
    history: yield* historyStep(p, r.id),
    actions: allowedActions(r, actor),
    fieldSupervisors: yield* fieldSupervisorsStep(p, r.agencyId),
    mergedInto: merged?.ticket ?? null,
    // Operators can open a camera near the report: the nearest online ones, with distance.
    cameras: nearestOnline(cameras.map((c) => ({ ...cameraView(c), health: c.health ?? 'offline' })), r, 2 * CAMERA_LOOK_METERS, 3),
  };
}

type Reminder = { flag: DeadlineFlag; report: StaffReport };

/** Deadline reminders for the actor's agency (every agency for a supervisor) that nobody has acknowledged. */
export const reminders = (ctx: Ctx, actor: Actor): Promise<Reminder[]> => ctx.store.query((p) => remindersStep(p.reports, actor));

/** reminders on either store. */
export function* remindersStep(w: ReportWrites, actor: Actor): Step<Reminder[]> {
  return (yield* w.flagged(agencyScope(actor), REMINDERS_READ)).flatMap((r) =>
    r.deadlineFlags.filter((f) => f !== 'escalated' && !r.acknowledgedFlags.includes(f)).map((flag) => ({ flag, report: staffView(r, actor) })),
  );
}

/** SP4N-LAPOR: the reports not followed up within the escalation period, for the supervisor. */
export const escalations = (ctx: Ctx, actor: Actor): Promise<StaffReport[]> => ctx.store.query((p) => escalationsStep(p.reports, actor));

/** escalations on either store. */
export function* escalationsStep(w: ReportWrites, actor: Actor): Step<StaffReport[]> {
  return (yield* w.flagged(null, ESCALATIONS_READ)).filter((r) => r.deadlineFlags.includes('escalated')).map((r) => staffView(r, actor));
}

/** An agency's field supervisors with how many open jobs each holds: whom to dispatch to. */
export const fieldSupervisors = (ctx: Ctx, agencyId: string): Promise<FieldSupervisorLoad[]> => ctx.store.query((p) => fieldSupervisorsStep(p, agencyId));

/** fieldSupervisors on either store. */
export function* fieldSupervisorsStep(p: Ports, agencyId: string): Step<FieldSupervisorLoad[]> {
  const load = yield* p.reports.openJobsByAssignee(agencyId);
  return (yield* p.accounts.fieldSupervisors(agencyId)).map((a) => ({ id: a.id, name: a.name, agencyId: a.agencyId!, openJobs: load.get(a.id) ?? 0 }));
}

/** A report's whole log as staff read it: who did what, with the payload's details. */
function* historyStep(p: Ports, reportId: number): Step<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  for (const e of yield* p.reports.eventsOf(reportId)) {
    const { from, to, reason, report: _initial, ...detail } = e.payload as Record<string, unknown>;
    entries.push({
      seq: e.seq, at: e.at, type: e.type,
      actor: { id: e.actor.id, role: e.actor.role, name: e.actor.name ?? (yield* p.accounts.account(e.actor.id))?.name ?? null, agencyId: e.actor.agencyId ?? null },
      from: from as string | undefined, to: to as string | undefined, reason: reason as string | undefined, detail,
    });
  }
  return entries;
}

function* assigneeName(p: Ports, id: string | null): Step<string | null> {
  return id ? ((yield* p.accounts.account(id))?.name ?? null) : null;
}
