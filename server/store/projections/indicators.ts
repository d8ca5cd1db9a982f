import type { ValueSource } from '../../contract/indicators.js';
import type { Db } from '../db.js';
import type { StoredEvent } from '../events.js';
import type { IndicatorValuesTable } from '../indicators.js';
import type { Projection } from './types.js';

/** Each indicator's current figure per period: indicator.recorded sets it, indicator.corrected replaces it and counts. */
export function indicatorsProjection(db: Db, indicators: IndicatorValuesTable): Projection {
  const rows = db.prepare('SELECT * FROM indicator_values ORDER BY indicator_id, period');
  return {
    name: 'indicators',
    handles: (type) => type === 'indicator.recorded' || type === 'indicator.corrected',
    project(e: StoredEvent) {
      const p = e.payload;
      const indicator = indicators.put({ indicatorId: String(p.indicatorId), period: String(p.period), value: Number(p.value), at: e.at, seq: e.seq, source: p.source as ValueSource });
      return { indicator };
    },
    snapshot: () => rows.all(),
  };
}
