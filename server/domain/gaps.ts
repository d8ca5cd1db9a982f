import type { DataGap } from '../contract/layouts.js';

/** One start of the hub: when it started and the last heartbeat it wrote (null when it died before the first). */
export type HubRun = { startedAt: string; lastAliveAt: string | null };

/**
 * The periods inside [from, to) when no hub was running, from the hub's own runs. A run covers
 * [startedAt, lastAliveAt + slack]: a hub that dies is known alive only until its last heartbeat, and the slack
 * (about one heartbeat interval) keeps the normal wait between two heartbeats from showing as a gap. Overlapping
 * runs (a second hub, or a restart inside the slack) merge; gaps shorter than `minMs` are not worth a band.
 * The running hub passes its own run with lastAliveAt = now, so the present is never a gap.
 */
export function dataGaps(runs: readonly HubRun[], range: { from: string; to: string }, opts: { slackMs: number; minMs: number }): DataGap[] {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (!(to > from)) return [];
  const covered = runs
    .map((r) => {
      const start = Date.parse(r.startedAt);
      const alive = Date.parse(r.lastAliveAt ?? r.startedAt);
      return [start, Math.max(start, alive) + opts.slackMs] as const;
    })
    .filter(([s, e]) => Number.isFinite(s) && Number.isFinite(e))
    .sort((a, b) => a[0] - b[0]);

  // Before the first run ever recorded, nothing is known: that is not a gap, it is before the hub kept count.
  if (!covered.length) return [];
  const gaps: DataGap[] = [];
  let cursor = Math.max(from, covered[0][0]);
  for (const [s, e] of covered) {
    if (s > cursor) pushGap(gaps, cursor, Math.min(s, to), opts.minMs);
    cursor = Math.max(cursor, e);
    if (cursor >= to) break;
  }
  if (cursor < to) pushGap(gaps, cursor, to, opts.minMs);
  return gaps;
}

function pushGap(gaps: DataGap[], start: number, end: number, minMs: number) {
  if (end - start < minMs) return;
  gaps.push({ from: new Date(start).toISOString(), to: new Date(end).toISOString(), kind: 'hub' });
}
