import type { Ctx } from '../commands/context.js';
import type { FieldJob } from '../contract/field.js';
import type { ReportState } from '../domain/reports.js';
import { publicReport } from '../domain/views.js';
import type { ReportWrites } from '../store/report-writes.js';
import type { Step } from '../store/step.js';

/** A job as the phone needs it; when it was accepted and started come from its events, so every phone agrees. */
export const fieldJob = (ctx: Ctx, r: ReportState): Promise<FieldJob> => ctx.store.query((p) => fieldJobStep(p.reports, r));

/** fieldJob on either store (server/store/step.ts). */
export function* fieldJobStep(w: ReportWrites, r: ReportState): Step<FieldJob> {
  const events = yield* w.eventsOf(r.id);
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
export const fieldJobs = (ctx: Ctx, accountId: string): Promise<FieldJob[]> => ctx.store.query((p) => fieldJobsStep(p.reports, accountId));

/** fieldJobs on either store. */
export function* fieldJobsStep(w: ReportWrites, accountId: string): Step<FieldJob[]> {
  const jobs: FieldJob[] = [];
  for (const r of yield* w.assignedTo(accountId)) jobs.push(yield* fieldJobStep(w, r));
  return jobs;
}
