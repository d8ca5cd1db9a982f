import type { IndicatorValue } from '../../../contract/indicators.js';
import { ownTx } from '../../event-log.js';
import { indicatorValueOf, isIndicatorEvent } from '../../projections/indicators.js';
import { PgTx } from '../transactions.js';
import type { PgProjection } from './types.js';

/** Indicator figures on PostgreSQL: the SQLite projection's value (indicatorValueOf), a second one for a period a correction. */
export function pgIndicatorsProjection(): PgProjection {
  return {
    name: 'indicators',
    handles: isIndicatorEvent,
    async project(tx, e) {
      const { client } = ownTx(tx, PgTx);
      const v = indicatorValueOf(e);
      const { rows } = await client.query<IndicatorValue>({
        name: 'indicators-put',
        text: `INSERT INTO indicator_values AS i (indicator_id, period, value, at, seq, source, corrections) VALUES ($1, $2, $3, $4, $5, $6, 0)
               ON CONFLICT (indicator_id, period) DO UPDATE SET value = EXCLUDED.value, at = EXCLUDED.at, seq = EXCLUDED.seq, source = EXCLUDED.source,
                 corrections = i.corrections + 1
               RETURNING indicator_id AS "indicatorId", period, value, at, seq, source, corrections`,
        values: [v.indicatorId, v.period, v.value, v.at, v.seq, v.source],
      });
      return { indicator: rows[0] };
    },
    snapshot: async (db) =>
      (await db.query('SELECT indicator_id, period, value, at, seq, source, corrections FROM indicator_values ORDER BY indicator_id COLLATE "C", period COLLATE "C"')).rows,
  };
}
