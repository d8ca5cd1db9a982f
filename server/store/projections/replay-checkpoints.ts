import type { StoredEvent } from '../events.js';
import type { ReportsTable } from '../reports.js';
import type { ReplayCheckpointsTable } from '../replay-checkpoints.js';
import { dayStart, localDay, type CityClock } from '../../domain/time.js';
import type { Projection } from './types.js';

const DAY_MS = 86400_000;
const dayOf = (at: string, clock: CityClock) => dayStart(localDay(at, clock), clock);
const nextDay = (day: string) => new Date(Date.parse(day) + DAY_MS).toISOString();

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
      const day = dayOf(e.at, clock);
      const last = checkpoints.lastAt();
      if (last === null) {
        // The first report event: the city was empty at the start of its day.
        checkpoints.addDay(day, e.seq - 1);
        checkpoints.setLastAt(e.at);
        return {};
      }
      const lastDay = dayOf(last, clock);
      if (day > lastDay) {
        const from = nextDay(lastDay);
        // Only what changed since the latest checkpoint is compared with the markers it holds.
        for (const m of reports.markersChangedSince(checkpoints.latest()?.seq ?? 0)) checkpoints.putMarker(m[0], m, from);
        for (let d = from; d <= day; d = nextDay(d)) checkpoints.addDay(d, e.seq - 1);
        checkpoints.setLastAt(e.at);
      } else if (day < lastDay) {
        const latest = checkpoints.latest();
        if (latest && e.at < latest.dayStart) checkpoints.forgetAfter(e.at);
      }
      return {};
    },
    snapshot: () => checkpoints.rows(),
  };
}
