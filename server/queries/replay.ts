import type { Ctx } from '../commands/context.js';
import type { MarkerTuple } from '../contract/reports.js';
import type { Replay } from '../contract/replay.js';
import { foldReports } from '../domain/replay.js';
import { replayMarker, replayRange, replaySteps } from '../domain/replay-range.js';
import type { Reads } from '../store/reads.js';
import type { StoredEvent } from '../store/events.js';
import type { Step } from '../store/step.js';

/** How many events a range read takes at a time. */
const PAGE = 5_000;

/**
 * The replay of [from, to): the city at `from` and every change to a marker after it. It starts from the nearest
 * checkpoint at or before `from` (the markers at the start of a city day): only the reports an event touches between
 * that checkpoint and `to` are folded, each from its own events before `from`; the others keep the checkpoint's marker.
 * One read transaction: the checkpoint, the state at the start and the steps after it come from the same log.
 */
export const replayBetween = (ctx: Ctx, from: string, to: string): Promise<Replay> => ctx.store.query((p) => replayStep(p.reads, from, to));

/** replayBetween on either store (server/store/step.ts). */
export function* replayStep(r: Reads, from: string, to: string): Step<Replay> {
  const checkpoint = yield* r.checkpointAt(from);
  if (!checkpoint) return { from, to, ...replayRange(yield* eventsBetween(r, '', from), yield* eventsBetween(r, from, to)) };
  const markers = new Map<number, MarkerTuple>((yield* r.checkpointMarkers(checkpoint.dayStart)).map((m) => [m[0], m]));
  const reports = foldReports(yield* r.priorEventsOfActive(checkpoint.dayStart, to, from));
  for (const report of reports.values()) markers.set(report.id, replayMarker(report));
  const start = [...markers.values()].sort((a, b) => a[0] - b[0]);
  return { from, to, markers: start, steps: replaySteps(reports, yield* eventsBetween(r, from, to)) };
}

/** Every event logged in [from, to), in seq order, read a page at a time. */
export function* eventsBetween(r: Reads, from: string, to: string): Step<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for (;;) {
    const page = yield* r.eventsBetween(from, to, all.at(-1)?.seq ?? 0, PAGE);
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}
