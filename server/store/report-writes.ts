import type { ReportState } from '../domain/reports.js';
import { boundingBox } from '../domain/duplicates.js';
import type { MarkerTuple } from '../contract/reports.js';
import type { ClientCommand } from './client-commands.js';
import type { AccountRow } from './accounts.js';
import type { Lease } from '../domain/leases.js';
import type { OutboxCounts, OutboxMessage } from './outbox.js';
import type { LogEvent, StoredEvent } from './events.js';
import type { MediaRow } from './media.js';
import type { Projected } from './projections/types.js';
import { now, type Step } from './step.js';
import type { Store } from './index.js';

/**
 * What the report commands (filing, every lifecycle step, merging) read and write inside their transaction, on
 * either store (server/store/step.ts): SQLite's below, PostgreSQL's in pg/report-writes.ts. Ids and ticket numbers
 * come from the store, within the transaction.
 */
export interface ReportWrites {
  /** The submission a client id filed before, if any. */
  clientCommand(clientId: string): Step<ClientCommand | null>;
  report(id: number): Step<ReportState | null>;
  reportByTicket(ticket: string): Step<ReportState | null>;
  /** A staff account (who a job may be dispatched to). */
  account(id: string): Step<AccountRow | null>;
  /** The id the new report gets. */
  newReportId(): Step<number>;
  /** The next ticket number of this prefix and year; a rollback gives it back. */
  nextTicket(prefix: string, year: number): Step<number>;
  /** Keeps the photos' files alive (a photo already kept stays as it was). */
  addMedia(rows: readonly MediaRow[]): Step<void>;
  /** Whether a committed row keeps this photo's files. */
  hasMedia(hash: string): Step<boolean>;
  /** Every photo a committed row keeps (the start-up sweep removes the files of any other). */
  mediaHashes(): Step<Set<string>>;
  /** Appends the event and applies it to every projection (the store's projector). */
  append(e: LogEvent): Step<{ seq: number; stored: StoredEvent } & Projected>;
  addClientCommand(c: ClientCommand): Step<void>;
  /** The last seq the log holds, as this transaction sees it. */
  headSeq(): Step<number>;
  /** When the last event was logged (null for an empty log). */
  headAt(): Step<string | null>;
  /** Every report as a map marker, by id. */
  allMarkers(): Step<MarkerTuple[]>;
  /** The markers of the reports an event after `seq` changed, by id. */
  markersChangedSince(seq: number): Step<MarkerTuple[]>;
  /** Open reports with a deadline flag (of one agency, or all for null), by resolution deadline, at most `limit`. */
  flagged(agencyId: string | null, limit: number): Step<ReportState[]>;
  /**
   * Open reports of a category that may lie within `radiusM` of a point: the candidates findDuplicates judges (SQLite
   * reads a box around the point, PostgreSQL asks PostGIS), at most 500.
   */
  openNear(categoryId: string, point: { lng: number; lat: number }, radiusM: number): Step<ReportState[]>;
  /** The duplicates merged into a primary, oldest first. */
  mergedInto(primaryId: number): Step<ReportState[]>;
  /** How many open jobs each field supervisor of an agency holds, by account id. */
  openJobsByAssignee(agencyId: string): Step<Map<string, number>>;
  /** Up to `limit` events after `seq`, in seq order. */
  eventsSince(seq: number, limit: number): Step<StoredEvent[]>;
  /** Every event of one report, in seq order. */
  eventsOf(reportId: number): Step<StoredEvent[]>;
  /** A field supervisor's open jobs (dispatched to them and not yet done), oldest dispatch first. */
  assignedTo(accountId: string): Step<ReportState[]>;
  /** Reports whose next deadline checkpoint is at or before `now`, the earliest first. */
  dueForCheck(now: string, limit: number): Step<ReportState[]>;
  /** Writes a report's row again with no event (its derived columns recomputed). */
  rewrite(report: ReportState): Step<void>;
  lease(name: string): Step<Lease | null>;
  /** Compare-and-set: writes `next` only if the lease is still `seen` (null: there was none). True when it did. */
  swapLease(seen: Lease | null, next: Lease): Step<boolean>;
  /** Ends `owner`'s lease at `at` (a clean stop), so another hub takes the job at once. */
  releaseLease(name: string, owner: string, at: string): Step<void>;
  /** Every lease whose name starts with `prefix` (the camera shares: one per hub run), by name. */
  leasesNamed(prefix: string): Step<Lease[]>;
  /** Deletes the leases of `prefix` that ran out before `before`: hub runs long gone. */
  forgetLeases(prefix: string, before: string): Step<void>;
  /** How many outbox messages wait to be sent, and how many were given up. */
  outboxCounts(): Step<OutboxCounts>;
  /** A message to another system, sent by the outbox worker once this transaction has committed. */
  addOutbox(m: OutboxMessage): Step<void>;
}

/** SQLite's: every call answered at once, inside the caller's synchronous transaction. */
export function sqliteReportWrites(store: Store): ReportWrites {
  return {
    clientCommand: (clientId) => now(store.clientCommands.get(clientId)),
    report: (id) => now(store.reports.get(id)),
    reportByTicket: (ticket) => now(store.reports.getByTicket(ticket)),
    hasMedia: (hash) => now(store.media.has(hash)),
    mediaHashes: () => now(store.media.hashes()),
    account: (id) => now(store.accounts.get(id)),
    // Under SQLite's one write lock, held by this transaction: no other writer can take the same id.
    newReportId: () => now(store.reports.nextId()),
    nextTicket: (prefix, year) => now(store.tickets.next(prefix, year)),
    addMedia: (rows) => now(rows.forEach((m) => store.media.add(m))),
    append: (e) => now(store.projector.append(e)),
    addClientCommand: (c) => now(store.clientCommands.add(c)),
    headSeq: () => now(store.events.headSeq()),
    headAt: () => now(store.events.headAt()),
    allMarkers: () => now(store.reports.allMarkers()),
    markersChangedSince: (seq) => now(store.reports.markersChangedSince(seq)),
    flagged: (agencyId, limit) => now(store.reports.flagged(agencyId, limit)),
    openJobsByAssignee: (agencyId) => now(store.reports.openJobsByAssignee(agencyId)),
    openNear: (categoryId, point, radiusM) => now(store.reports.openInBox(categoryId, boundingBox(point, radiusM))),
    mergedInto: (primaryId) => now(store.reports.mergedInto(primaryId)),
    eventsSince: (seq, limit) => now(store.events.since(seq, limit)),
    eventsOf: (reportId) => now(store.events.forReport(reportId)),
    assignedTo: (accountId) => now(store.reports.assignedTo(accountId)),
    dueForCheck: (at, limit) => now(store.reports.dueForCheck(at, limit)),
    rewrite: (report) => now(store.reports.put(report)),
    lease: (name) => now(store.leases.get(name)),
    swapLease: (seen, next) => now(store.leases.swap(seen, next)),
    releaseLease: (name, owner, at) => now(store.leases.release(name, owner, at)),
    leasesNamed: (prefix) => now(store.leases.withPrefix(prefix)),
    forgetLeases: (prefix, before) => now(void store.leases.forget(prefix, before)),
    addOutbox: (m) => now(store.outbox.add(m)),
    outboxCounts: () => now(store.outbox.counts()),
  };
}
