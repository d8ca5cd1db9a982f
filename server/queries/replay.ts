import type { Ctx } from '../commands/context.js';
import type { MarkerTuple } from '../contract/reports.js';
import type { Replay } from '../contract/replay.js';
import { foldReports } from '../domain/replay.js';
import { replayMarker, replayRange, replaySteps } from '../domain/replay-range.js';

/**
 * The replay of [from, to): the city at `from` and every change to a marker after it. It starts from the nearest
 * checkpoint at or before `from` (the markers at the start of a city day): only the reports an event touches between
 * that checkpoint and `to` are folded, each from its own events before `from`; the others keep the checkpoint's marker.
 */
export function replayBetween(ctx: Ctx, from: string, to: string): Replay {
  const { store } = ctx;
  // One read transaction: the checkpoint, the state at the start and the steps after it come from the same log.
  return store.read((): Replay => {
    const checkpoint = store.replayCheckpoints.nearest(from);
    if (!checkpoint) return { from, to, ...replayRange(store.events.inRange('', from), store.events.inRange(from, to)) };
    const markers = new Map<number, MarkerTuple>(store.replayCheckpoints.markersAt(checkpoint.dayStart).map((m) => [m[0], m]));
    const reports = foldReports(store.events.beforeOfReportsActive(checkpoint.dayStart, to, from));
    for (const r of reports.values()) markers.set(r.id, replayMarker(r));
    const start = [...markers.values()].sort((a, b) => a[0] - b[0]);
    return { from, to, markers: start, steps: replaySteps(reports, store.events.inRange(from, to)) };
  });
}
