import type { Db } from './db.js';
import type { MarkerTuple } from '../contract/reports.js';

/** to_day of a marker that still holds: sorts after every day. */
export const MARKER_HOLDS = '9999';

export type Checkpoint = { dayStart: string; seq: number };

/** The replay checkpoints' tables (migration 021); projections/replay-checkpoints.ts is what writes them. */
export class ReplayCheckpointsTable {
  private readonly nearestStmt;
  private readonly latestStmt;
  private readonly markersStmt;
  private readonly openStmt;
  private readonly closeStmt;
  private readonly insertMarker;
  private readonly insertDay;
  private readonly headStmt;
  private readonly setHeadStmt;
  private readonly forgetDays;
  private readonly forgetMarkers;
  private readonly reopenMarkers;
  private readonly allDays;
  private readonly allMarkers;
  constructor(private readonly db: Db) {
    this.nearestStmt = db.prepare('SELECT day_start AS dayStart, seq FROM replay_checkpoints WHERE day_start <= ? ORDER BY day_start DESC LIMIT 1');
    this.latestStmt = db.prepare('SELECT day_start AS dayStart, seq FROM replay_checkpoints ORDER BY day_start DESC LIMIT 1');
    // Through the to_day index: the checkpoint of a recent day reads the markers that still hold and few more. The caller
    // orders them.
    this.markersStmt = db.prepare('SELECT marker FROM replay_checkpoint_markers INDEXED BY replay_checkpoint_markers_to WHERE to_day > @day AND from_day <= @day').pluck();
    this.openStmt = db.prepare(`SELECT from_day AS fromDay, marker FROM replay_checkpoint_markers WHERE report_id = ? AND to_day = '${MARKER_HOLDS}'`);
    this.closeStmt = db.prepare('UPDATE replay_checkpoint_markers SET to_day = @toDay WHERE report_id = @reportId AND from_day = @fromDay');
    this.insertMarker = db.prepare(`INSERT INTO replay_checkpoint_markers (report_id, from_day, to_day, marker) VALUES (?, ?, '${MARKER_HOLDS}', ?)`);
    this.insertDay = db.prepare('INSERT INTO replay_checkpoints (day_start, seq) VALUES (?, ?)');
    this.headStmt = db.prepare('SELECT last_at FROM replay_checkpoint_head WHERE id = 1').pluck();
    this.setHeadStmt = db.prepare('INSERT INTO replay_checkpoint_head (id, last_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last_at = excluded.last_at');
    this.forgetDays = db.prepare('DELETE FROM replay_checkpoints WHERE day_start > ?');
    this.forgetMarkers = db.prepare('DELETE FROM replay_checkpoint_markers WHERE from_day > ?');
    this.reopenMarkers = db.prepare(`UPDATE replay_checkpoint_markers SET to_day = '${MARKER_HOLDS}' WHERE to_day > ? AND to_day <> '${MARKER_HOLDS}'`);
    this.allDays = db.prepare("SELECT 'day ' || day_start AS key, seq FROM replay_checkpoints ORDER BY day_start");
    this.allMarkers = db.prepare("SELECT 'marker ' || report_id || ' ' || from_day AS key, to_day, marker FROM replay_checkpoint_markers ORDER BY report_id, from_day");
  }

  /** The latest checkpoint at or before `at`: where a replay starting at `at` folds from. */
  nearest(at: string): Checkpoint | null {
    return (this.nearestStmt.get(at) as Checkpoint | undefined) ?? null;
  }

  latest(): Checkpoint | null {
    return (this.latestStmt.get() as Checkpoint | undefined) ?? null;
  }

  /** Every report's marker in the checkpoint of `dayStart`, in no particular order. */
  markersAt(dayStart: string): MarkerTuple[] {
    // One parse of the whole list: a city's worth of small arrays parsed one by one costs several times more.
    return JSON.parse(`[${(this.markersStmt.all({ day: dayStart }) as string[]).join(',')}]`) as MarkerTuple[];
  }

  /** From the checkpoint of `fromDay` on, this report's marker is `marker` (nothing is written when it is unchanged). */
  putMarker(reportId: number, marker: MarkerTuple, fromDay: string): void {
    const json = JSON.stringify(marker);
    const open = this.openStmt.get(reportId) as { fromDay: string; marker: string } | undefined;
    if (open?.marker === json) return;
    if (open) this.closeStmt.run({ toDay: fromDay, reportId, fromDay: open.fromDay });
    this.insertMarker.run(reportId, fromDay, json);
  }

  addDay(dayStart: string, seq: number): void {
    this.insertDay.run(dayStart, seq);
  }

  lastAt(): string | null {
    return (this.headStmt.get() as string | undefined) ?? null;
  }

  setLastAt(at: string): void {
    this.setHeadStmt.run(at);
  }

  /** An event logged with an earlier time than a checkpoint's day: every checkpoint after it no longer holds. */
  forgetAfter(at: string): void {
    this.forgetDays.run(at);
    this.forgetMarkers.run(at);
    this.reopenMarkers.run(at);
  }

  /** Every row, for the rebuild's comparison: days, markers and the head, each with a key first. */
  rows(): unknown[] {
    return [...this.allDays.all(), ...this.allMarkers.all(), { key: 'head', lastAt: this.lastAt() }];
  }

  /** Replaces every row with another store's (a rebuild's --write: the log's fold takes the place of what was kept). */
  replaceWith(other: ReplayCheckpointsTable): void {
    this.db.exec('DELETE FROM replay_checkpoints; DELETE FROM replay_checkpoint_markers; DELETE FROM replay_checkpoint_head');
    for (const d of other.db.prepare('SELECT day_start, seq FROM replay_checkpoints').all() as { day_start: string; seq: number }[]) this.insertDay.run(d.day_start, d.seq);
    const put = this.db.prepare('INSERT INTO replay_checkpoint_markers (report_id, from_day, to_day, marker) VALUES (@report_id, @from_day, @to_day, @marker)');
    for (const m of other.db.prepare('SELECT * FROM replay_checkpoint_markers').iterate()) put.run(m);
    const at = other.lastAt();
    if (at) this.setLastAt(at);
  }
}
