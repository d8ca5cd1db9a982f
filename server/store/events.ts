import type { Db } from './db.js';
import type { ReportEvent } from '../domain/reports.js';
import type { Actor } from '../contract/roles.js';

/** Any entry of the log: report events, and events about accounts and displays (reportId null). */
export type LogEvent = ReportEvent | { type: `account.${string}` | `display.${string}` | `camera.${string}` | `indicator.${string}`; reportId: null; at: string; actor: Actor; payload: Record<string, unknown> };
export type StoredEvent = LogEvent & { seq: number };

type Row = { seq: number; at: string; actor_id: string; actor_role: string; type: string; report_id: number | null; payload: string };

export class EventLog {
  private readonly insert;
  private readonly head;
  private readonly after;
  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO events (at, actor_id, actor_role, type, report_id, payload) VALUES (@at, @actorId, @actorRole, @type, @reportId, @payload)',
    );
    this.head = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM events').pluck();
    this.lastAt = db.prepare('SELECT at FROM events ORDER BY seq DESC LIMIT 1').pluck();
    this.after = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.ofReport = db.prepare('SELECT * FROM events WHERE report_id = ? ORDER BY seq');
    this.between = db.prepare('SELECT * FROM events WHERE at >= ? AND at < ? ORDER BY seq');
    this.betweenAfter = db.prepare('SELECT * FROM events WHERE at >= ? AND at < ? AND seq > ? ORDER BY seq LIMIT ?');
    this.priorOfActive = db.prepare(
      `SELECT * FROM events WHERE report_id IN (SELECT report_id FROM events WHERE at >= @from AND at < @to AND report_id IS NOT NULL)
         AND at < @before ORDER BY seq`,
    );
  }
  private readonly priorOfActive;

  /**
   * The events before `before` of every report with an event in [from, to), in log order: what a replay folds
   * forward from a checkpoint (the reports no event touches keep the checkpoint's marker).
   */
  *beforeOfReportsActive(from: string, to: string, before: string): Generator<StoredEvent> {
    for (const r of this.priorOfActive.iterate({ from, to, before }) as Iterable<Row>) yield toStored(r);
  }
  private readonly ofReport;
  private readonly lastAt;

  /** When the last event happened: the wall's "last event N min ago". */
  headAt(): string | null {
    return (this.lastAt.get() as string | undefined) ?? null;
  }
  private readonly between;
  private readonly betweenAfter;

  /** Up to `limit` events logged in [from, to) after `afterSeq`, in seq order: a range read page by page. */
  pageInRange(from: string, to: string, afterSeq: number, limit: number): StoredEvent[] {
    return (this.betweenAfter.all(from, to, afterSeq, limit) as Row[]).map(toStored);
  }

  forReport(reportId: number): StoredEvent[] {
    return (this.ofReport.all(reportId) as Row[]).map(toStored);
  }

  /** Every event in [from, to), streamed: an audit export of a year must not sit in memory. */
  *inRange(from: string, to: string): Generator<StoredEvent> {
    for (const r of this.between.iterate(from, to) as Iterable<Row>) yield toStored(r);
  }

  /** Events appended through this log since it was opened (a rolled-back one counts too): what a commit must make durable. */
  appended = 0;

  /** Appends one event and returns its seq. Call inside the transaction that updates the projections. */
  append(e: LogEvent): number {
    this.appended++;
    return Number(this.insert.run(eventRow(e)).lastInsertRowid);
  }

  headSeq(): number {
    return this.head.get() as number;
  }

  since(seq: number, limit: number): StoredEvent[] {
    return this.rowsSince(seq, limit).map(toStored);
  }

  /** The same events as stored, columns as they are (npm run migrate:pg copies them verbatim). */
  rowsSince(seq: number, limit: number): EventRow[] {
    return this.after.all(seq, limit) as Row[];
  }
}

/** The columns of one event (both stores keep the same): the actor's agency and name ride in the payload. */
export function eventRow(e: LogEvent) {
  const { actor } = e;
  return {
    at: e.at,
    actorId: actor.id,
    actorRole: actor.role,
    type: e.type,
    reportId: e.reportId,
    payload: JSON.stringify({ ...e.payload, actorAgencyId: actor.agencyId ?? undefined, actorName: actor.name }),
  };
}

export type EventRow = Row;
/** An event's columns but its seq, which the log gives. */
export type EventColumns = { at: string; actorId: string; actorRole: string; type: string; reportId: number | null; payload: string };

export function toStored(r: Row): StoredEvent {
  const { actorAgencyId, actorName, ...payload } = JSON.parse(r.payload);
  return <StoredEvent>{
    seq: r.seq,
    at: r.at,
    type: r.type,
    reportId: r.report_id,
    actor: { id: r.actor_id, role: r.actor_role as StoredEvent['actor']['role'], agencyId: actorAgencyId ?? null, name: actorName },
    payload,
  };
}
