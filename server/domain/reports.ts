import type { Actor, Role } from '../contract/roles.js';
import type { Channel, ReportStatus } from '../contract/reports.js';
import type { ReportEventType } from '../contract/events.js';
import type { DeadlineFlag, Deadlines } from './deadlines.js';
import { ALL_STATUSES, AWAITING_RESPONSE } from './statuses.js';
import { actsForAgency } from './access.js';

/** The whole projected state of one report, as the hub keeps it. Pure data. */
export type ReportState = {
  id: number;
  ticket: string;
  status: ReportStatus;
  categoryId: string;
  agencyId: string;
  description: string;
  lng: number;
  lat: number;
  precision: 'point' | 'district';
  address: string | null;
  districtCode: string | null;
  subdistrictCode: string | null;
  channel: Channel;
  photos: string[];
  reporterName: string | null;
  reporterContact: string | null;
  assigneeId: string | null;
  mergedIntoId: number | null;
  /** The status a duplicate had when it was merged: un-merge returns it there. */
  mergedFromStatus: ReportStatus | null;
  /** How many citizens reported this problem: 1 plus every duplicate merged into it (folded from events). */
  citizenCount: number;
  instruction: string | null;
  dispatchedAt: string | null;
  proof: Proof | null;
  returnReason: string | null;
  trackKeyHash: string | null;
  /** The nearest online camera's snapshot when the report arrived: a second, independent look at the scene. */
  cameraSnapshot: { cameraId: string; hash: string; takenAt: string | null } | null;
  /** Response and resolution clocks, set at intake; they keep running through a reroute or reopening. */
  deadlines: Deadlines | null;
  /** Deadline flags the scheduler has raised (near, breached, escalated), and those an operator has seen. */
  deadlineFlags: DeadlineFlag[];
  acknowledgedFlags: DeadlineFlag[];
  /** Performance moments: first dispatch (response), last verification (fixed), when it left the queue, and how often it bounced. */
  firstDispatchedAt: string | null;
  verifiedAt: string | null;
  doneAt: string | null;
  reopenCount: number;
  returnCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
  lastSeq: number;
};

/** A proof of completion as the hub accepted it: photos, the field supervisor's note, and what was checked. */
export type Proof = {
  photos: string[];
  note: string | null;
  location: { lng: number; lat: number } | null;
  capturedAt: string | null;
  flags: string[];
  distanceM: number | null;
};

export type Action =
  | 'check'
  | 'reject'
  | 'reroute'
  | 'dispatch'
  | 'accept'
  | 'start'
  | 'submit_proof'
  | 'return_proof'
  | 'verify'
  | 'close'
  | 'merge'
  | 'unmerge'
  | 'reopen'
  | 'note'
  | 'forward';

export type Command = {
  action: Action;
  reason?: string;
  /** Optimistic concurrency: the version the actor saw. */
  expectedVersion?: number;
  agencyId?: string;
  assigneeId?: string;
  instruction?: string;
  intoReportId?: number;
  /** Forward: the city of the installation the report goes to (the command checks it is one), and its name. */
  toCity?: string;
  toCityName?: string;
  proof?: Proof;
  /** Photos that come with a step other than proof (a reporter's "not fixed"). */
  photos?: string[];
};

/** A decided event, ready to be appended. The payload is what a replay needs to fold it again. */
export type ReportEvent = {
  type: ReportEventType;
  reportId: number;
  at: string;
  actor: Actor;
  payload: Record<string, unknown> & { from?: ReportStatus; to?: ReportStatus };
};

/** Why a command was refused; the transports map each code to a status (403, 409, 400, 404, 413, 415, 422). */
export type RefusalCode = 'unauthenticated' | 'forbidden' | 'conflict' | 'invalid' | 'not_found' | 'too_large' | 'unsupported_media' | 'unprocessable' | 'busy';
/** retryAfterS: with 'busy', when the sender may try again (nothing was saved). */
export type Refusal = { ok: false; code: RefusalCode; field?: string; message: string; retryAfterS?: number };
export type Decision = { ok: true; event: ReportEvent } | Refusal;

export const refuse = (code: Refusal['code'], message: string, field?: string): Refusal => ({ ok: false, code, message, field });

type Rule = {
  from: readonly ReportStatus[];
  /** null: the status stays as it is (reroute, note). */
  to: ReportStatus | null;
  roles: readonly Role[];
  event: ReportEventType;
  /** Field supervisors act only on jobs dispatched to them. */
  assigneeOnly?: boolean;
  needs?: readonly (keyof Command)[];
};

// Reject, reroute, dispatch and merge act on a report nobody has been sent to yet.
const OPEN = AWAITING_RESPONSE;
const ANY = ALL_STATUSES;

/** The SIGAP lifecycle as data: who may do what, from which status, to which. */
export const RULES: Record<Action, Rule> = {
  check: { from: ['new'], to: 'checked', roles: ['operator'], event: 'report.checked' },
  reject: { from: OPEN, to: 'rejected', roles: ['operator'], event: 'report.rejected', needs: ['reason'] },
  reroute: { from: OPEN, to: null, roles: ['operator', 'supervisor'], event: 'report.rerouted', needs: ['agencyId', 'reason'] },
  dispatch: { from: OPEN, to: 'dispatched', roles: ['operator'], event: 'report.dispatched', needs: ['assigneeId'] },
  accept: { from: ['dispatched'], to: 'in_progress', roles: ['field'], event: 'report.accepted', assigneeOnly: true },
  start: { from: ['in_progress'], to: null, roles: ['field'], event: 'report.started', assigneeOnly: true },
  submit_proof: {
    from: ['dispatched', 'in_progress'], to: 'proof_submitted', roles: ['field'], event: 'report.proof_submitted',
    assigneeOnly: true, needs: ['proof'],
  },
  return_proof: { from: ['proof_submitted'], to: 'in_progress', roles: ['operator'], event: 'report.proof_returned', needs: ['reason'] },
  verify: { from: ['proof_submitted'], to: 'verified', roles: ['operator'], event: 'report.verified' },
  close: { from: ['verified'], to: 'closed', roles: ['operator'], event: 'report.closed' },
  merge: { from: OPEN, to: 'merged', roles: ['operator', 'supervisor'], event: 'report.merged', needs: ['intoReportId'] },
  // Back to the status it had before the merge (decide fills it in from the report).
  unmerge: { from: ['merged'], to: null, roles: ['operator', 'supervisor'], event: 'report.unmerged', needs: ['reason'] },
  // Ombudsman: a report is not done until the citizen agrees; reopening sends it back to the queue.
  reopen: { from: ['verified', 'closed'], to: 'new', roles: ['citizen', 'operator'], event: 'report.reopened', needs: ['reason'] },
  note: { from: ANY, to: null, roles: ['operator', 'supervisor', 'field'], event: 'report.noted', needs: ['reason'] },
  // SP4N-LAPOR's disposition between instances: not this city's to handle, another city's of the installation.
  forward: { from: OPEN, to: 'forwarded', roles: ['operator', 'supervisor'], event: 'report.forwarded', needs: ['toCity', 'reason'] },
};

export function decide(report: ReportState, cmd: Command, actor: Actor, now: Date): Decision {
  const rule = RULES[cmd.action];
  if (actor.role !== 'system' && !rule.roles.includes(actor.role)) return refuse('forbidden', `${actor.role} may not ${cmd.action}`);
  // A citizen reaches only their own report, through its private link; staff only their agency's (actsForAgency).
  if (actor.role !== 'citizen' && !actsForAgency(actor, report.agencyId))
    return refuse('forbidden', `report ${report.ticket} belongs to another agency`);
  // A field supervisor works only on the jobs dispatched to them: a note on anyone else's report is refused too.
  if ((rule.assigneeOnly || actor.role === 'field') && actor.role !== 'system' && report.assigneeId !== actor.id)
    return refuse('forbidden', `report ${report.ticket} is not dispatched to you`);
  if (cmd.expectedVersion !== undefined && cmd.expectedVersion !== report.version)
    return refuse('conflict', `report ${report.ticket} was changed by someone else (version ${report.version}, you saw ${cmd.expectedVersion})`, 'expectedVersion');
  if (!rule.from.includes(report.status)) return refuse('conflict', `report ${report.ticket} is ${report.status}; cannot ${cmd.action}`);
  for (const field of rule.needs ?? []) {
    const v = cmd[field];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return refuse('invalid', `${field} is required to ${cmd.action}`, field);
  }
  if (cmd.action === 'reroute' && cmd.agencyId === report.agencyId) return refuse('invalid', 'report already belongs to that agency', 'agencyId');
  if (cmd.action === 'merge' && cmd.intoReportId === report.id) return refuse('invalid', 'a report cannot be merged into itself', 'intoReportId');
  // Its duplicates' reporters follow it here (their merge chain): it goes to another city with them or not at all.
  if (cmd.action === 'forward' && report.citizenCount > 1)
    return refuse('conflict', `report ${report.ticket} has ${report.citizenCount - 1} duplicate(s) merged into it, whose reporters follow it here: un-merge them or forward them with it first`);

  const to = cmd.action === 'unmerge' ? (report.mergedFromStatus ?? 'new') : (rule.to ?? report.status);
  const payload: ReportEvent['payload'] = { from: report.status, to };
  if (cmd.action === 'unmerge') payload.fromReportId = report.mergedIntoId;
  for (const key of ['reason', 'agencyId', 'assigneeId', 'instruction', 'intoReportId', 'toCity', 'toCityName', 'proof', 'photos'] as const) {
    if (cmd[key] !== undefined) payload[key] = cmd[key];
  }
  return { ok: true, event: { type: rule.event, reportId: report.id, at: now.toISOString(), actor, payload } };
}

/** Folds one event into a report's state. The same fold serves live commands and a replay of the log. */
/** Events the hub raises by itself: they must not make an operator's open form stale (no version bump). */
// A duplicate joining or leaving a primary changes only its reporter count: the primary's open form stays valid.
const UNVERSIONED: ReadonlySet<ReportEventType> = new Set([
  'report.deadline_flagged', 'report.reminder_acknowledged', 'report.duplicate_merged', 'report.duplicate_unmerged',
]);

export function applyEvent(report: ReportState, event: ReportEvent, seq: number): ReportState {
  const p = event.payload;
  const bump = UNVERSIONED.has(event.type) ? 0 : 1;
  const next: ReportState = { ...report, updatedAt: bump ? event.at : report.updatedAt, version: report.version + bump, lastSeq: seq };
  if (p.to) next.status = p.to;
  switch (event.type) {
    case 'report.rerouted':
      next.agencyId = String(p.agencyId);
      next.assigneeId = null;
      break;
    case 'report.dispatched':
      next.firstDispatchedAt = report.firstDispatchedAt ?? event.at;
      next.assigneeId = String(p.assigneeId);
      next.instruction = (p.instruction as string | undefined) ?? null;
      next.dispatchedAt = event.at;
      next.returnReason = null;
      break;
    case 'report.proof_submitted':
      next.proof = p.proof as Proof;
      next.returnReason = null;
      break;
    case 'report.proof_returned':
      next.returnReason = String(p.reason);
      next.returnCount = report.returnCount + 1;
      break;
    case 'report.verified':
      next.verifiedAt = event.at;
      next.doneAt = event.at;
      break;
    case 'report.rejected':
    case 'report.forwarded':
      next.doneAt = event.at;
      break;
    case 'report.merged':
      next.doneAt = event.at;
      next.mergedIntoId = Number(p.intoReportId);
      next.mergedFromStatus = p.from ?? null;
      break;
    case 'report.unmerged':
      // Back in the queue as it was: not done, and no longer pointing at the primary.
      next.doneAt = null;
      next.mergedIntoId = null;
      next.mergedFromStatus = null;
      break;
    case 'report.duplicate_merged':
      next.citizenCount = report.citizenCount + Number(p.reporters ?? 1);
      break;
    case 'report.duplicate_unmerged':
      next.citizenCount = Math.max(1, report.citizenCount - Number(p.reporters ?? 1));
      break;
    case 'report.deadline_flagged':
      next.deadlineFlags = [...new Set([...report.deadlineFlags, p.flag as DeadlineFlag])];
      break;
    case 'report.reminder_acknowledged':
      next.acknowledgedFlags = [...new Set([...report.acknowledgedFlags, p.flag as DeadlineFlag])];
      break;
    case 'report.reopened':
      // Not fixed after all: it counts against the agency, and its clocks keep running from the first receipt.
      next.reopenCount = report.reopenCount + 1;
      next.verifiedAt = null;
      next.doneAt = null;
      next.assigneeId = null;
      next.proof = null;
      next.dispatchedAt = null;
      next.instruction = null;
      break;
  }
  return next;
}

/** The report.submitted event carries the whole initial report; folding it creates the state. */
/** What report.submitted carries; everything else starts empty. */
export type SubmittedReport = Omit<
  ReportState,
  'version' | 'lastSeq' | 'updatedAt' | 'status' | 'assigneeId' | 'mergedIntoId' | 'mergedFromStatus' | 'citizenCount' | 'instruction' | 'dispatchedAt' | 'proof' | 'returnReason' | 'deadlineFlags' | 'acknowledgedFlags'
  | 'firstDispatchedAt' | 'verifiedAt' | 'doneAt' | 'reopenCount' | 'returnCount'
>;

export function reportFromSubmitted(event: ReportEvent, seq: number): ReportState {
  const r = event.payload.report as SubmittedReport;
  return {
    ...r, trackKeyHash: r.trackKeyHash ?? null, cameraSnapshot: r.cameraSnapshot ?? null, deadlines: r.deadlines ?? null,
    deadlineFlags: [], acknowledgedFlags: [], firstDispatchedAt: null, verifiedAt: null, doneAt: null, reopenCount: 0, returnCount: 0, status: 'new', assigneeId: null, mergedIntoId: null, mergedFromStatus: null, citizenCount: 1, instruction: null, dispatchedAt: null,
    proof: null, returnReason: null, updatedAt: event.at, version: 1, lastSeq: seq,
  };
}

/** Which actions an actor could take on a report now: drives the console's buttons. */
export function allowedActions(report: ReportState, actor: Actor): Action[] {
  return (Object.keys(RULES) as Action[]).filter((action) => {
    const probe: Command = { action, reason: 'x', agencyId: '__other__', assigneeId: 'x', intoReportId: -1, toCity: '__other__', proof: { photos: ['x'], note: null, location: null, capturedAt: null, flags: [], distanceM: null } };
    return decide(report, probe, actor, new Date(0)).ok;
  });
}
