import { z } from 'zod';
import { Channel, ReportStatus, type ReportPublic } from './reports.js';

/** Why an operator did something: the history shows it to the next person. */
export const ActionReason = z.string().trim().min(3).max(1000);
const reason = ActionReason;
const version = z.number().int().min(1).describe('the report’s version the form showed; 409 when someone changed it since');

/** One request body per console action; the lifecycle table decides whether it is allowed now. */
export const ActionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('check'), expectedVersion: version, reason: reason.optional() }),
  z.object({ action: z.literal('reject'), expectedVersion: version, reason }),
  z.object({ action: z.literal('reroute'), expectedVersion: version, agencyId: z.string().min(1).max(40), reason }),
  z.object({ action: z.literal('dispatch'), expectedVersion: version, assigneeId: z.string().min(1).max(64), instruction: z.string().trim().max(1000).optional() }),
  z.object({ action: z.literal('return_proof'), expectedVersion: version, reason }),
  z.object({ action: z.literal('verify'), expectedVersion: version, reason: reason.optional() }),
  z.object({ action: z.literal('close'), expectedVersion: version, reason: reason.optional() }),
  z.object({ action: z.literal('merge'), expectedVersion: version, intoReportId: z.number().int().positive(), reason: reason.optional() }),
  // Un-merge: a duplicate that was not one after all goes back to the queue as it was.
  z.object({ action: z.literal('unmerge'), expectedVersion: version, reason }),
  z.object({ action: z.literal('note'), reason }),
  // A citizen who calls to say it is not fixed: the operator reopens on their behalf.
  z.object({ action: z.literal('reopen'), expectedVersion: version, reason }),
  // To another city of the installation (PANTAU_CITIES), with the reason the citizen reads.
  z.object({ action: z.literal('forward'), expectedVersion: version, toCity: z.string().regex(/^[a-z0-9-]{1,40}$/, 'a city id'), reason }),
]);
export type ActionInput = z.infer<typeof ActionInput>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' && v !== '' ? v.split(',') : undefined), z.array(item).max(20).optional());

export const QueueQuery = z.object({
  status: csv(ReportStatus),
  category: z.string().max(40).optional(),
  district: z.string().max(20).optional(),
  channel: Channel.optional(),
  agency: z.string().max(40).optional(),
  olderThanHours: z.coerce.number().min(0).max(24 * 366).optional(),
  breached: z.enum(['true', 'false']).optional().describe('true: only reports past a deadline; false: none of them'),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: z.coerce.number().int().positive().optional().describe('the `next` of the page before: the reports filed before that one'),
  since: z.coerce.number().int().min(0).optional().describe('a seq: only what changed since (the reports that match now, and `gone`: the ids that no longer do)'),
  total: z.enum(['true', 'false']).optional().describe('false: no total (a live queue refreshing its changes counts again only now and then)'),
}).refine((q) => q.cursor === undefined || q.since === undefined, { message: 'cursor and since do not go together', path: ['since'] });
export type QueueQuery = z.infer<typeof QueueQuery>;

export const FieldSupervisorsQuery = z.object({ agency: z.string().max(40).optional().describe('the agency (an operator always gets their own)') });

/** How many reports a queue filter matches; counted up to a cap, past which it is "at least". */
export type QueueTotal = { count: number; atLeast: boolean };

/**
 * A page of the queue (newest first; `next` is the cursor of the page after it, null at the end; `total` on a
 * first page), or with `since` what changed: the changed reports that match and `gone`, the ids that no longer
 * do. `reset`: too much changed since that seq, so this is a first page instead.
 */
export type QueueAnswer = {
  seq: number;
  reports: StaffReport[];
  next?: number | null;
  total?: QueueTotal;
  gone?: number[];
  reset?: true;
};

/** The report as room staff see it: the reporter only for those who handle it. */
export type StaffReport = ReportPublic & {
  assigneeId: string | null;
  mergedIntoId: number | null;
  reporter: { name: string | null; contact: string | null } | null;
  /** The nearest online camera's snapshot when the report arrived. */
  cameraSnapshot: { cameraId: string; hash: string; takenAt: string | null } | null;
  deadlines: { responseDueAt: string; resolutionDueAt: string; escalateAt: string } | null;
  acknowledgedFlags: string[];
  /** The field supervisor's name, for the queue. */
  assigneeName: string | null;
};

export type HistoryEntry = {
  seq: number;
  at: string;
  type: string;
  actor: { id: string; role: string; name: string | null; agencyId: string | null };
  from?: string;
  to?: string;
  reason?: string;
  detail: Record<string, unknown>;
};

export type FieldSupervisorLoad = { id: string; name: string; agencyId: string; openJobs: number };
