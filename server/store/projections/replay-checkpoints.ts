import type { StoredEvent } from '../events.js';
import type { ReportsTable } from '../reports.js';
import type { Checkpoint, ReplayCheckpointsTable } from '../replay-checkpoints.js';
import { dayStart, localDay, type CityClock } from '../../domain/time.js';
import type { Projection } from './types.js';

const DAY_MS = 86400_000;
const dayOf = (at: string, clock: CityClock) => dayStart(localDay(at, clock), clock);
const nextDay = (day: string) => new Date(Date.parse(day) + DAY_MS).toISOString();

/**
 * What a report event logged at `at` does to the checkpoints, given when the latest one folded happened (`last`):
 * the rule both stores' projections follow (this one and server/store/pg/projections/replay-checkpoints.ts).
 *   first    the first report event: the city was empty at the start of its day (a checkpoint at `day`).
 *   close    an event of a later day: the reports as they stand just before it are the city at the start of every
 *            day from `from` (the one after the last event's) up to its own (`days`); the markers changed since the
 *            latest checkpoint are put from `from`.
 *   earlier  an event of an earlier day (a clock stepped back): it voids the checkpoints after it if voids() says so.
 *   same     nothing to do.
 */
export type CheckpointStep = { kind: 'first'; day: string } | { kind: 'close'; from: string; days: string[] } | { kind: 'earlier' } | { kind: 'same' };

export function checkpointStep(at: string, last: string | null, clock: CityClock): CheckpointStep {
  const day = dayOf(at, clock);
  if (last === null) return { kind: 'first', day };
  const lastDay = dayOf(last, clock);
  if (day > lastDay) {
    const from = nextDay(lastDay);
    const days: string[] = [];
    for (let d = from; d <= day; d = nextDay(d)) days.push(d);
    return { kind: 'close', from, days };
  }
  return day < lastDay ? { kind: 'earlier' } : { kind: 'same' };
}

/** An event logged before the latest checkpoint's day started: every checkpoint after it no longer holds. */
export const voidsCheckpoints = (at: string, latest: Checkpoint | null): boolean => latest !== null && at < latest.dayStart;

/**
 * The markers at the start of every city day, for the replay. It must run before the reports projection: the first
 * report event of a later day closes the days before it, and the reports as they stand just before that event are
 * the city at the start of every day from the one after the last event's up to the event's own (the hub was quiet
 * in between). An event logged with a time before a checkpoint (a clock stepped back) voids the later checkpoints.
 */
export function replayCheckpointsProjection(checkpoints: ReplayCheckpointsTable, reports: ReportsTable, clock: CityClock): Projection {
  return {
    name: 'replay checkpoints',
    handles: (type) => type.startsWith('report.'),
    project(e: StoredEvent) {
      const step = checkpointStep(e.at, checkpoints.lastAt(), clock);
      if (step.kind === 'first') {
        checkpoints.addDay(step.day, e.seq - 1);
        checkpoints.setLastAt(e.at);
      } else if (step.kind === 'close') {
        // Only what changed since the latest checkpoint is compared with the markers it holds.
        for (const m of reports.markersChangedSince(checkpoints.latest()?.seq ?? 0)) checkpoints.putMarker(m[0], m, step.from);
        for (const d of step.days) checkpoints.addDay(d, e.seq - 1);
        checkpoints.setLastAt(e.at);
      } else if (step.kind === 'earlier' && voidsCheckpoints(e.at, checkpoints.latest())) checkpoints.forgetAfter(e.at);
      return {};
    },
    snapshot: () => checkpoints.rows(),
  };
}
