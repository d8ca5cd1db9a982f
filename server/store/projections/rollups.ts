import { rollupChange } from '../../domain/rollups.js';
import type { CityClock } from '../../domain/time.js';
import type { StoredEvent } from '../events.js';
import type { RollupsTable } from '../rollups.js';
import type { Projection } from './types.js';

/**
 * The kinerja rollups: registered after the reports projection, it takes the report before and after the event
 * from what that one made of it and adds the difference (domain/rollups.ts), on the city's days.
 */
export function rollupsProjection(rollups: RollupsTable, clock: CityClock): Projection {
  return {
    name: 'rollups',
    handles: (type) => type.startsWith('report.'),
    project(_e: StoredEvent, { report, previous }) {
      if (report) rollups.apply(rollupChange(previous ?? null, report, clock));
      return {};
    },
    snapshot: () => rollups.rows(),
  };
}
