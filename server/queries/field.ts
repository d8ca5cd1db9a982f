import type { Ctx } from '../commands/context.js';
import type { FieldJob } from '../contract/field.js';
import type { ReportState } from '../domain/reports.js';
import { publicReport } from '../domain/views.js';

/** A job as the phone needs it; when it was accepted and started come from its events, so every phone agrees. */
export function fieldJob(ctx: Ctx, r: ReportState): FieldJob {
  const events = ctx.store.events.forReport(r.id);
  return {
    ...publicReport(r),
    acceptedAt: events.findLast((e) => e.type === 'report.accepted')?.at ?? null,
    startedAt: events.findLast((e) => e.type === 'report.started')?.at ?? null,
    instruction: r.instruction,
    dispatchedAt: r.dispatchedAt,
    returnReason: r.returnReason,
    proof: r.proof ? { photos: r.proof.photos, note: r.proof.note, flags: r.proof.flags } : null,
  };
}

/** A field supervisor's open jobs, oldest dispatch first. */
export const fieldJobs = (ctx: Ctx, accountId: string): FieldJob[] => ctx.store.reports.assignedTo(accountId).map((r) => fieldJob(ctx, r));
