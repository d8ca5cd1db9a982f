import type { Actor } from '../contract/roles.js';
import { dueFlags, type DeadlineFlag } from '../domain/deadlines.js';
import { refuse, type ReportEvent, type ReportState } from '../domain/reports.js';
import { actsForAgency, may } from '../domain/access.js';
import { command, type Committed, type Ctx, type Result } from './context.js';
import { takeLeaseStep, type LeaseTerm } from './leases.js';
import type { ReportWrites } from '../store/report-writes.js';
import type { Step } from '../store/step.js';
import type { City } from '../profile/load.js';

const SCHEDULER: Actor = { id: 'deadline-scheduler', role: 'system', name: 'Penjadwal tenggat' };

export type Raised = { report: ReportState; flag: DeadlineFlag };

/** What an agency's webhook receives for a raised flag (its Idempotency-Key header is the event's). */
export function deadlineWebhookBody(report: ReportState, flag: DeadlineFlag): string {
  return JSON.stringify({ ticket: report.ticket, flag, status: report.status, agencyId: report.agencyId, deadlines: report.deadlines, category: report.categoryId });
}

/**
 * Raises every deadline flag that has come due, one event each, and queues the agency's webhook in the outbox in the
 * same transaction (a hub that dies after COMMIT still sends it). Restart-safe: what is due is read from the store
 * (each report's next checkpoint), so a hub that was down catches up on its first sweep. With a `lease`, only its
 * holder sweeps: it is taken or renewed first, in the same transaction.
 */
export function sweepDeadlines(ctx: Ctx, limit = 500, lease?: LeaseTerm): Promise<Raised[]> {
  return command(ctx, (p) => sweepStep(p.reports, ctx.city, ctx.now(), limit, lease));
}

/** The sweep's transaction, on either store (server/store/step.ts), with what to broadcast once committed. */
export function* sweepStep(w: ReportWrites, city: City, now: Date, limit: number, lease?: LeaseTerm): Step<[Raised[], Committed[]]> {
  const raised: Raised[] = [];
  const done: Committed[] = [];
  if (lease && !(yield* takeLeaseStep(w, lease, now))) return [raised, done];
  for (const report of yield* w.dueForCheck(now.toISOString(), limit)) {
    let r = report;
    for (const flag of dueFlags(r, now)) {
      const event: ReportEvent = {
        type: 'report.deadline_flagged', reportId: r.id, at: now.toISOString(), actor: SCHEDULER,
        payload: { flag, agencyId: r.agencyId },
      };
      const { seq, report: next } = yield* w.append(event);
      r = next!;
      raised.push({ report: r, flag });
      const url = city.profile.agencies.find((a) => a.id === r.agencyId)?.webhookUrl;
      if (url) yield* w.addOutbox({ seq, agencyId: r.agencyId, url, body: deadlineWebhookBody(r, flag), at: now.toISOString() });
      done.push({ event: { ...event, seq }, report: r });
    }
    // Nothing due after all (a checkpoint computed by an older build): rewriting the row recomputes next_check_at,
    // a derived column, so the report leaves the queue. No state changes, so no event.
    if (r === report) yield* w.rewrite(r);
  }
  return [raised, done];
}

/** An operator has seen a reminder: it leaves their alert list (the flag itself stays, it is history). */
export async function acknowledgeReminder(ctx: Ctx, actor: Actor, reportId: number, flag: DeadlineFlag): Promise<Result<ReportState>> {
  if (!may(actor, 'reminders.acknowledge')) return refuse('forbidden', `${actor.role} may not acknowledge reminders`);
  return command(ctx, (p) => acknowledgeStep(p.reports, actor, reportId, flag, ctx.now()));
}

/** acknowledgeReminder's transaction, on either store; the caller has checked the role. */
export function* acknowledgeStep(w: ReportWrites, actor: Actor, reportId: number, flag: DeadlineFlag, now: Date): Step<[Result<ReportState>, Committed[]]> {
  const r = yield* w.report(reportId);
  if (!r) return [refuse('not_found', `report ${reportId} does not exist`, 'reportId'), []];
  if (!actsForAgency(actor, r.agencyId)) return [refuse('forbidden', `report ${r.ticket} belongs to another agency`), []];
  if (!r.deadlineFlags.includes(flag)) return [refuse('invalid', `report ${r.ticket} has no ${flag} reminder`, 'flag'), []];
  if (r.acknowledgedFlags.includes(flag)) return [{ ok: true, value: r }, []];
  const event: ReportEvent = { type: 'report.reminder_acknowledged', reportId, at: now.toISOString(), actor, payload: { flag } };
  const { seq, report: next } = yield* w.append(event);
  return [{ ok: true, value: next! }, [{ event: { ...event, seq }, report: next! }]];
}
