import type { FieldJob } from '../../../server/contract/field';
import type { ReportStatus } from '../../../server/contract/reports';
import { RESPONDING } from '../../../server/domain/statuses';
import { distanceM, type Position } from '../../lib/geo-position';
import type { OutboxItem, SentEntry } from './outbox';
import { jobStarted } from '../../lib/job-started';

/** A job as the phone shows it: the hub's state, with what is still waiting in the outbox laid over it. */
export type JobView = {
  job: FieldJob;
  /** The status the supervisor's own waiting actions lead to. */
  status: ReportStatus;
  started: boolean;
  /** A proof is on the phone, not yet at the hub. */
  proofWaiting: boolean;
  pending: OutboxItem[];
  failed: OutboxItem[];
  lastSent: SentEntry | null;
  distance: number | null;
};

/** Statuses a field supervisor's list holds (the hub's `assignedTo`). */
export const OPEN_JOB_STATUSES: readonly ReportStatus[] = RESPONDING;

export function jobViews(jobs: readonly FieldJob[], items: readonly OutboxItem[], sent: readonly SentEntry[], userId: string, pos: Position | null): JobView[] {
  const views = jobs.map((job): JobView => {
    const mine = items.filter((i) => i.jobId === job.id && i.userId === userId);
    const pending = mine.filter((i) => i.state === 'pending');
    const failed = mine.filter((i) => i.state === 'failed');
    const sentForJob = sent.filter((s) => s.jobId === job.id && s.userId === userId);
    let status = job.status;
    if (status === 'dispatched' && pending.some((i) => i.kind === 'accept' || i.kind === 'start')) status = 'in_progress';
    if (pending.some((i) => i.kind === 'proof')) status = 'proof_submitted';
    // Start keeps the status: the hub's startedAt says it (so a reload agrees), the outbox until the hub has it.
    const started = jobStarted(job, {
      startWaiting: pending.some((i) => i.kind === 'start'),
      startSentAt: sentForJob.filter((s) => s.kind === 'start').map((s) => s.createdAt),
    });
    return {
      job, status, started, pending, failed,
      proofWaiting: pending.some((i) => i.kind === 'proof'),
      lastSent: sentForJob[0] ?? null,
      distance: pos ? distanceM(pos, { lat: job.lat, lon: job.lng }) : null,
    };
  });
  // What is still on the phone first (the supervisor watches it go), then work to do, then work awaiting verification.
  const done = (v: JobView) => (v.pending.length || v.failed.length ? 0 : v.status === 'proof_submitted' ? 2 : 1);
  const dispatched = (v: JobView) => Date.parse(v.job.dispatchedAt ?? v.job.createdAt);
  return views.sort((a, b) => done(a) - done(b) || (a.distance !== null && b.distance !== null ? a.distance - b.distance : 0) || dispatched(a) - dispatched(b));
}
