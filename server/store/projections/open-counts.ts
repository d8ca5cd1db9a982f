import { openChange } from '../../domain/open-reports.js';
import type { CityClock } from '../../domain/time.js';
import type { StoredEvent } from '../events.js';
import type { OpenCountsTable } from '../open-counts.js';
import type { Projection } from './types.js';

/**
 * Kinerja's open reports counted ahead: registered after the reports projection, it adds what the report's part
 * after the event less before (domain/open-reports.ts); a deadline flag from the sweep is a report event like any.
 */
export function openCountsProjection(counts: OpenCountsTable, clock: CityClock): Projection {
  return {
    name: 'open counts',
    handles: (type) => type.startsWith('report.'),
    project(_e: StoredEvent, { report, previous }) {
      if (report) counts.apply(openChange(previous ?? null, report, clock));
      return {};
    },
    snapshot: () => counts.rows(),
  };
}
