import type { StoredEvent } from '../events.js';
import type { ReportState } from '../../domain/reports.js';
import type { CameraPublic } from '../../contract/cameras.js';
import type { IndicatorValue } from '../../contract/indicators.js';

/**
 * What applying one event changed, for the broadcast after commit, and for the projections folded after the one that
 * made it (`previous`: the report as it stood before the event; null for a new one).
 */
export type Projected = { report?: ReportState; previous?: ReportState | null; camera?: CameraPublic; indicator?: IndicatorValue };

/**
 * One projection of the log: the event types it folds, how it folds one (inside the caller's transaction; `before`:
 * what the projections registered before it made of the same event), and the rows a rebuild compares with a fresh
 * fold (`snapshot`: every row the log decides, in a stable order).
 */
export type Projection = {
  name: string;
  handles: (type: string) => boolean;
  project: (e: StoredEvent, before: Projected) => Projected;
  snapshot: () => unknown[];
};
