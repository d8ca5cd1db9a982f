import { openDb } from './db.js';
import { diffRows } from './row-diff.js';
import { Store } from './index.js';
import type { ReportState } from '../domain/reports.js';

/** One row that differs between the live projection and a fresh fold of the log. */
export type Difference = { projection: string; key: string; live: unknown; rebuilt: unknown };
export type RebuildResult = { events: number; differences: Difference[]; written: number };

const BATCH = 5000;

/**
 * Folds the whole log into fresh projections in a temporary in-memory database and compares them, row by row, with
 * the live ones. With `write`, every report row that differs is replaced by its fold: how columns added after the
 * fact (migration 006's first_dispatched_at, verified_at, done_at, reopen_count, return_count) get their values; the
 * replay checkpoints, the kinerja rollups and the open counts, when any differ, are replaced by the fold whole.
 */
export function rebuild(live: Store, opts: { write?: boolean } = {}): RebuildResult {
  const fresh = new Store(openDb(':memory:'), { clock: live.clock });
  try {
    copyConfiguration(live, fresh);
    let seq = 0;
    let events = 0;
    for (;;) {
      const batch = live.events.since(seq, BATCH);
      if (!batch.length) break;
      fresh.tx(() => {
        for (const e of batch) fresh.projector.project(e);
      });
      seq = batch[batch.length - 1].seq;
      events += batch.length;
    }
    const differences = compare(live, fresh);
    let written = 0;
    if (opts.write) {
      const ids = new Set(differences.filter((d) => d.projection === 'reports').map((d) => Number(d.key)));
      const checkpoints = differences.some((d) => d.projection === 'replay checkpoints');
      const rollups = differences.some((d) => d.projection === 'rollups');
      const openCounts = differences.some((d) => d.projection === 'open counts');
      live.tx(() => {
        // So are the kinerja rollups.
        if (rollups) live.rollups.replaceWith(fresh.rollups);
        if (openCounts) live.openCounts.replaceWith(fresh.openCounts);
        // The replay checkpoints are all derived: the fold replaces them whole (a store older than migration 021 gets
        // the checkpoints of the days it folded before the table existed).
        if (checkpoints) live.replayCheckpoints.replaceWith(fresh.replayCheckpoints);
        for (const id of ids) {
          const r: ReportState | null = fresh.reports.get(id);
          if (r) (live.reports.put(r), written++);
        }
      });
    }
    return { events, differences, written };
  } finally {
    fresh.close();
  }
}

/**
 * What the projections stand on that is not in the log: cameras come from the city profile (their health is
 * folded), displays are paired outside it for now (a layout refers to its display).
 */
function copyConfiguration(live: Store, fresh: Store): void {
  const cams = live.db.prepare('SELECT id, name, kind, lng, lat, snapshot_url, stream_url, username, password, interval_s FROM cameras').all() as Record<string, unknown>[];
  const displays = live.db.prepare('SELECT * FROM displays').all() as Record<string, unknown>[];
  fresh.tx(() => {
    for (const c of cams)
      fresh.db.prepare(`INSERT INTO cameras (${Object.keys(c).join(', ')}) VALUES (${Object.keys(c).map((k) => '@' + k).join(', ')})`).run(c);
    for (const d of displays)
      fresh.db.prepare(`INSERT INTO displays (${Object.keys(d).join(', ')}) VALUES (${Object.keys(d).map((k) => '@' + k).join(', ')})`).run(d);
  });
}

function compare(live: Store, fresh: Store): Difference[] {
  return fresh.projector.projections.flatMap((p, i) =>
    diffRows(live.projector.projections[i].snapshot(), p.snapshot()).map((d) => ({ projection: p.name, key: d.key, live: d.left, rebuilt: d.right })),
  );
}
