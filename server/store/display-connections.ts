import type { Db } from './db.js';

/** Which displays each hub run holds a socket of (migration 028); rows of dead runs are pruned as runs write theirs. */
export class DisplayConnectionsTable {
  private readonly clearStmt;
  private readonly addStmt;
  private readonly pruneStmt;
  private readonly liveStmt;
  constructor(private readonly db: Db) {
    this.clearStmt = db.prepare('DELETE FROM display_connections WHERE run_id = ?');
    this.addStmt = db.prepare('INSERT OR IGNORE INTO display_connections (run_id, display_id) VALUES (?, ?)');
    this.pruneStmt = db.prepare('DELETE FROM display_connections WHERE run_id IN (SELECT id FROM hub_runs WHERE COALESCE(last_alive_at, started_at) < ?)');
    this.liveStmt = db
      .prepare(
        `SELECT DISTINCT c.display_id FROM display_connections c JOIN hub_runs r ON r.id = c.run_id
         WHERE COALESCE(r.last_alive_at, r.started_at) >= ? AND c.run_id <> ? ORDER BY c.display_id`,
      )
      .pluck();
  }

  /** This run's displays are now `displayIds`; the rows of runs dead before `aliveSince` go. */
  replace(runId: string, displayIds: readonly string[], aliveSince: string): void {
    this.db.transaction(() => {
      this.clearStmt.run(runId);
      for (const id of displayIds) this.addStmt.run(runId, id);
      this.pruneStmt.run(aliveSince);
    }).immediate();
  }

  /**
   * The displays connected to another run alive since `aliveSince`: a run knows its own from its sockets, and its
   * rows lag them (written SETTLE_MS after a change), so a display that just left is not counted from them.
   */
  onOtherLiveRuns(runId: string, aliveSince: string): string[] {
    return this.liveStmt.all(aliveSince, runId) as string[];
  }
}
