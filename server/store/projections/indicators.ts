import type { IndicatorValue, ValueSource } from '../../contract/indicators.js';
import type { Db } from '../db.js';
import type { StoredEvent } from '../events.js';
import type { IndicatorValuesTable } from '../indicators.js';
import type { Projection } from './types.js';

export const isIndicatorEvent = (type: string) => type === 'indicator.recorded' || type === 'indicator.corrected';

/** The figure one indicator event sets (both stores' projections put it; a second one for a period counts as a correction). */
export function indicatorValueOf(e: StoredEvent): Omit<IndicatorValue, 'corrections'> {
  const p = e.payload;
  return { indicatorId: String(p.indicatorId), period: String(p.period), value: Number(p.value), at: e.at, seq: e.seq, source: p.source as ValueSource };
}

/** Each indicator's current figure per period: indicator.recorded sets it, indicator.corrected replaces it and counts. */
export function indicatorsProjection(db: Db, indicators: IndicatorValuesTable): Projection {
  const rows = db.prepare('SELECT * FROM indicator_values ORDER BY indicator_id, period');
  return {
    name: 'indicators',
    handles: isIndicatorEvent,
    project(e: StoredEvent) {
      return { indicator: indicators.put(indicatorValueOf(e)) };
    },
    snapshot: () => rows.all(),
  };
}
