import type { MarkerTuple, ReportPublic } from './reports.js';
import type { MarkerColumns } from './marker-columns.js';
import type { CameraPublic, LiveCameraEvent } from './cameras.js';
import type { LiveIndicatorEvent } from './indicators.js';
import type { DisplayLayoutPush } from './layouts.js';

/** Past-tense event types, one per state change. The event log is the single source of truth. */
export const REPORT_EVENT_TYPES = [
  'report.submitted',
  'report.checked',
  'report.rejected',
  'report.rerouted',
  'report.dispatched',
  'report.accepted',
  'report.started',
  'report.proof_submitted',
  'report.proof_returned',
  'report.verified',
  'report.closed',
  'report.merged',
  'report.reopened',
  'report.noted',
  'report.deadline_flagged',
  'report.reminder_acknowledged',
  // Duplicates: the duplicate leaves the queue (merged) or comes back (unmerged); its primary counts its reporters.
  'report.unmerged',
  'report.duplicate_merged',
  'report.duplicate_unmerged',
  // Between the cities of an installation: the report leaves this city for another, whose log files it anew.
  'report.forwarded',
] as const;
export type ReportEventType = (typeof REPORT_EVENT_TYPES)[number];

/** What a live screen receives for every stored event, after commit. */
export type LiveReportEvent = {
  seq: number;
  at: string;
  type: ReportEventType;
  report: ReportPublic;
};

/**
 * Catch-up after (re)connect. 'delta': the reports changed after the client's seq (upsert them).
 * 'snapshot': every report (replace all), sent when the client is new, too far behind, or from another store.
 */
export type CatchUp =
  | { kind: 'delta'; storeId: string; fromSeq: number; seq: number; markers: MarkerTuple[]; columns?: undefined; cameras: CameraPublic[]; headAt?: string | null }
  | ({ kind: 'snapshot'; storeId: string; seq: number; cameras: CameraPublic[]; headAt?: string | null } & SnapshotMarkers);
/**
 * A snapshot's markers: as columns (marker-columns.ts) to a screen that asks for them in its handshake, as tuples
 * to one that does not (a page of the previous release, still open until it reloads; a replay's start).
 */
export type SnapshotMarkers = { columns: MarkerColumns; markers?: undefined } | { markers: MarkerTuple[]; columns?: undefined };
// headAt (optional, added with layouts): when the newest event happened, so the wall can say how old its news is.
// Cameras are few (tens to hundreds): every catch-up carries all of them, so they are never stale.

/** An event that changes no report (an account change), so screens keep a gapless seq. */
export type LiveTick = { seq: number; at: string; type: string };

export type Ack<T = unknown> = { ok: true; value: T } | { ok: false; error: { code: string; field?: string; message: string } };

export interface ServerToClientEvents {
  'live.catchup': (c: CatchUp) => void;
  'report.event': (e: LiveReportEvent) => void;
  /** An event that changes no report (an account change): screens only advance their seq, so they see no gap. */
  'live.tick': (e: LiveTick) => void;
  'camera.event': (e: LiveCameraEvent) => void;
  /** An indicator value recorded or corrected; in the same seq sequence, so other screens treat it as a tick. */
  'indicator.event': (e: LiveIndicatorEvent) => void;
  /** To one paired display only: what it shows, on every (re)connect and when a supervisor changes it. */
  'display.layout': (l: DisplayLayoutPush) => void;
  /**
   * The hub's head, every few seconds: a screen that has not applied up to the head it heard one beat ago missed
   * an event (a broadcast lost between hubs, a socket that hung) and catches up, though nothing new comes.
   */
  'live.head': (h: LiveHead) => void;
}
export type LiveHead = { storeId: string; seq: number };
export interface ClientToServerEvents {
  'live.sync': (input: { storeId: string | null; seq: number }, ack: (a: Ack<CatchUp>) => void) => void;
}
/** What a socket sends in its handshake: its credential and what it already has. */
export type HandshakeAuth = {
  display?: string;
  storeId?: string | null;
  seq?: number;
  /** 'cameras': a screen that shows only cameras (the grid) hears only camera events, and its catch-up holds no markers. */
  only?: 'cameras';
  /** 'columns': the screen reads a snapshot's markers as columns (every screen of this release asks for them). */
  snapshot?: 'columns';
};
