import type { Db } from './db.js';
import type { ReportEvent } from '../domain/reports.js';
import type { ReportEventType } from '../contract/events.js';

export type StoredEvent = ReportEvent & { seq: number };

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
    this.after = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  }

  /** Appends one event and returns its seq. Call inside the transaction that updates the projections. */
  append(e: ReportEvent): number {
    const { actor } = e;
    const info = this.insert.run({
      at: e.at,
      actorId: actor.id,
      actorRole: actor.role,
      type: e.type,
      reportId: e.reportId,
      payload: JSON.stringify({ ...e.payload, actorAgencyId: actor.agencyId ?? undefined }),
    });
    return Number(info.lastInsertRowid);
  }

  headSeq(): number {
    return this.head.get() as number;
  }

  since(seq: number, limit: number): StoredEvent[] {
    return (this.after.all(seq, limit) as Row[]).map((r) => {
      const { actorAgencyId, ...payload } = JSON.parse(r.payload);
      return {
        seq: r.seq,
        at: r.at,
        type: r.type as ReportEventType,
        reportId: r.report_id ?? 0,
        actor: { id: r.actor_id, role: r.actor_role as StoredEvent['actor']['role'], agencyId: actorAgencyId ?? null },
        payload,
      };
    });
  }
}
