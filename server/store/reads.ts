import type { StoredEvent } from './events.js';
import type { MarkerTuple } from '../contract/reports.js';
import type { Checkpoint } from './replay-checkpoints.js';
import type { Open311Filter } from './open311.js';
import type { RangeSums } from './rollups.js';
import type { OpenRead } from '../domain/open-reports.js';
import type { OpenGroup } from '../domain/stats.js';
import type { CityClock } from '../domain/time.js';
import type { QueueFilter } from './reports.js';
import type { ReportState } from '../domain/reports.js';
import { now, type Step } from './step.js';
import type { Store } from './index.js';

/**
 * The screens' larger reads, on either store (server/store/step.ts): Open311's lists, the audit export's and the
 * replay's events, the replay checkpoints, kinerja's figures. SQLite's below, PostgreSQL's in pg/reads.ts.
 */
export interface Reads {
  /** Open311 GET requests: the ids in the window and filters, newest first (created_at, then id), one page. */
  open311Ids(f: Open311Filter): Step<number[]>;
  /** The ids of these tickets' reports, newest first. */
  idsOfTickets(tickets: string[]): Step<number[]>;
  /** Up to `limit` events logged in [from, to) after seq `afterSeq`, in seq order: a range read page by page. */
  eventsBetween(from: string, to: string, afterSeq: number, limit: number): Step<StoredEvent[]>;
  /** The events before `before` of every report with an event in [from, to), in seq order (a replay's fold). */
  priorEventsOfActive(from: string, to: string, before: string): Step<StoredEvent[]>;
  /** The latest replay checkpoint at or before `at`. */
  checkpointAt(at: string): Step<Checkpoint | null>;
  /** Every report's marker in the checkpoint of `dayStart`, in no particular order (the replay orders what it sends). */
  checkpointMarkers(dayStart: string): Step<MarkerTuple[]>;
  /** Kinerja's day sums and histograms of the city days fromDay…toDay, per agency. */
  rollupRange(fromDay: string, toDay: string): Step<RangeSums>;
  /** What the as-of figures of [from, to) (ms) are made of, for the reports open now. */
  openCounts(from: number, to: number, clock: CityClock): Step<OpenRead>;
  /** The reports open at `to`, grouped; `from` decides "reopened before the range". */
  openAt(from: string, to: string): Step<OpenGroup[]>;
  /** The reports received before `to` and done at or after it, grouped as openAt. */
  doneSince(from: string, to: string): Step<OpenGroup[]>;
  /** One page of the console's queue, newest first (by id), after the cursor (the last id of the page before). */
  queuePage(f: QueueFilter, page: { before?: number; limit: number }): Step<ReportState[]>;
  /** How many reports the filter matches, counted up to `cap` (a count that reaches it says only "at least"). */
  queueCount(f: QueueFilter, cap: number): Step<number>;
  /** The changed reports since a seq that match the filter, and the ids of those that do not; null past `cap` changed. */
  queueChanges(f: QueueFilter, sinceSeq: number, cap: number): Step<{ matching: ReportState[]; gone: number[] } | null>;
}

/** SQLite's: every call answered at once. */
export function sqliteReads(store: Store): Reads {
  return {
    open311Ids: (f) => now(store.open311.requestIds(f)),
    idsOfTickets: (tickets) => now(store.open311.idsOfTickets(tickets)),
    eventsBetween: (from, to, afterSeq, limit) => now(store.events.pageInRange(from, to, afterSeq, limit)),
    priorEventsOfActive: (from, to, before) => now([...store.events.beforeOfReportsActive(from, to, before)]),
    checkpointAt: (at) => now(store.replayCheckpoints.nearest(at)),
    checkpointMarkers: (dayStart) => now(store.replayCheckpoints.markersAt(dayStart)),
    rollupRange: (fromDay, toDay) => now(store.rollups.range(fromDay, toDay)),
    openCounts: (from, to, clock) => now(store.openCounts.read(from, to, clock)),
    openAt: (from, to) => now(store.stats.openAt(from, to)),
    doneSince: (from, to) => now(store.stats.doneSince(from, to)),
    queuePage: (f, page) => now(store.reports.queuePage(f, page)),
    queueCount: (f, cap) => now(store.reports.queueCount(f, cap)),
    queueChanges: (f, sinceSeq, cap) => now(store.reports.queueChanges(f, sinceSeq, cap)),
  };
}
