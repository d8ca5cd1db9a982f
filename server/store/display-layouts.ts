import type { Db } from './db.js';
import type { Layout } from '../contract/layouts.js';
import type { HubRun } from '../domain/gaps.js';

export type StoredLayout = { displayId: string; layout: Layout; seq: number; assignedAt: string; assignedBy: string };
export type DisplayRow = { id: string; name: string; createdAt: string; lastSeenAt: string | null };

/** Each display's assigned layout (a projection of the log) and when it was last connected. */
export class DisplayLayoutsTable {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly allStmt;
  private readonly activeStmt;
  private readonly seenStmt;
  private readonly oneStmt;
  constructor(db: Db) {
    this.upsertStmt = db.prepare(
      `INSERT INTO display_layouts (display_id, layout, seq, assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (display_id) DO UPDATE SET layout = excluded.layout, seq = excluded.seq, assigned_at = excluded.assigned_at, assigned_by = excluded.assigned_by`,
    );
    this.getStmt = db.prepare('SELECT display_id AS displayId, layout, seq, assigned_at AS assignedAt, assigned_by AS assignedBy FROM display_layouts WHERE display_id = ?');
    this.allStmt = db.prepare('SELECT display_id AS displayId, layout, seq, assigned_at AS assignedAt, assigned_by AS assignedBy FROM display_layouts ORDER BY display_id');
    this.activeStmt = db.prepare('SELECT id, name, created_at AS createdAt, last_seen_at AS lastSeenAt FROM displays WHERE revoked_at IS NULL ORDER BY name, id');
    this.oneStmt = db.prepare('SELECT id, name, created_at AS createdAt, last_seen_at AS lastSeenAt FROM displays WHERE id = ? AND revoked_at IS NULL');
    this.seenStmt = db.prepare('UPDATE displays SET last_seen_at = ? WHERE id = ?');
  }
  set(l: StoredLayout): void {
    this.upsertStmt.run(l.displayId, JSON.stringify(l.layout), l.seq, l.assignedAt, l.assignedBy);
  }
  get(displayId: string): StoredLayout | null {
    const r = this.getStmt.get(displayId) as (Omit<StoredLayout, 'layout'> & { layout: string }) | undefined;
    return r ? { ...r, layout: JSON.parse(r.layout) as Layout } : null;
  }
  all(): StoredLayout[] {
    return (this.allStmt.all() as (Omit<StoredLayout, 'layout'> & { layout: string })[]).map((r) => ({ ...r, layout: JSON.parse(r.layout) as Layout }));
  }
  /** Paired displays that are not revoked. */
  displays(): DisplayRow[] {
    return this.activeStmt.all() as DisplayRow[];
  }
  display(id: string): DisplayRow | null {
    return (this.oneStmt.get(id) as DisplayRow | undefined) ?? null;
  }
  /** Presence, not a state change of the product: a plain column, not an event. */
  seen(id: string, at: string): void {
    this.seenStmt.run(at, id);
  }
}

/** The hub's own runs: one row per start, its heartbeat moved forward while it lives. */
export class HubRunsTable {
  private readonly startStmt;
  private readonly aliveStmt;
  private readonly rangeStmt;
  constructor(db: Db) {
    this.startStmt = db.prepare('INSERT INTO hub_runs (id, started_at, last_alive_at) VALUES (?, ?, ?)');
    this.aliveStmt = db.prepare('UPDATE hub_runs SET last_alive_at = ? WHERE id = ?');
    // Runs that touch [from, to): those alive after `from`, plus the last one before it (to know where a gap began).
    this.rangeStmt = db.prepare(
      `SELECT started_at AS startedAt, last_alive_at AS lastAliveAt FROM hub_runs
       WHERE started_at < @to AND (COALESCE(last_alive_at, started_at) >= @from
         OR id = (SELECT id FROM hub_runs WHERE COALESCE(last_alive_at, started_at) < @from ORDER BY COALESCE(last_alive_at, started_at) DESC LIMIT 1))
       ORDER BY started_at`,
    );
  }
  start(id: string, at: string): void {
    this.startStmt.run(id, at, at);
  }
  alive(id: string, at: string): void {
    this.aliveStmt.run(at, id);
  }
  overlapping(from: string, to: string): HubRun[] {
    return this.rangeStmt.all({ from, to }) as HubRun[];
  }
}
