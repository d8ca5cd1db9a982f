import type { Tx } from '../event-log.js';
import type { LogEvent, StoredEvent } from '../events.js';
import type { Projected } from '../projections/types.js';
import type { PgEventLog } from './events.js';
import type { PgProjection } from './projections/types.js';
import { pgReportsProjection } from './projections/reports.js';
import { pgIndicatorsProjection } from './projections/indicators.js';
import { pgAccountsProjection } from './projections/accounts.js';
import { pgApiClientsProjection } from './projections/api-clients.js';
import { pgOpenCountsProjection } from './projections/open-counts.js';
import { pgReplayCheckpointsProjection } from './projections/replay-checkpoints.js';
import { pgRollupsProjection } from './projections/rollups.js';
import { pgCamerasProjection } from './projections/cameras.js';
import { pgLayoutsProjection } from './projections/layouts.js';
import type { CityClock } from '../../domain/time.js';

/**
 * Every projection of the SQLite projector on PostgreSQL, in its order (server/store/index.ts), on the city's clock
 * (where its hours and days start).
 */
export const pgProjections = (clock: CityClock): PgProjection[] => [
  // Before reports: a day closes on the reports as they stood before the first event of the next day.
  pgReplayCheckpointsProjection(clock),
  pgReportsProjection(),
  // After reports: they read the report before and after the event from what that one made of it.
  pgRollupsProjection(clock),
  pgOpenCountsProjection(clock),
  pgCamerasProjection(),
  pgIndicatorsProjection(),
  pgLayoutsProjection(),
  pgAccountsProjection(),
  pgApiClientsProjection(),
];

/**
 * server/store/projector.ts on PostgreSQL: appends an event through PgEventLog and applies it to every projection
 * that folds its type, inside the caller's `Tx`, so the event and what it changed commit together or not at all.
 */
export class PgProjector {
  constructor(
    private readonly events: PgEventLog,
    readonly projections: readonly PgProjection[],
  ) {}

  async append(tx: Tx, e: LogEvent): Promise<{ seq: number; stored: StoredEvent } & Projected> {
    const seq = await this.events.append(tx, e);
    const stored = { ...e, seq } as StoredEvent;
    return { seq, stored, ...(await this.project(tx, stored)) };
  }

  /** Applies one logged event to every projection that folds it, one after another (a later one reads `out`). */
  async project(tx: Tx, e: StoredEvent): Promise<Projected> {
    const out: Projected = {};
    for (const p of this.projections) if (p.handles(e.type)) Object.assign(out, await p.project(tx, e, out));
    return out;
  }
}
