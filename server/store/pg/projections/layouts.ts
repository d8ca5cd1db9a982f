import { ownTx } from '../../event-log.js';
import { LAYOUT_ASSIGNED, layoutOf } from '../../projections/layouts.js';
import { PgTx } from '../transactions.js';
import type { PgProjection } from './types.js';

/** What each display shows on PostgreSQL: the SQLite projection's row (layoutOf), its layout as the same JSON text. */
export function pgLayoutsProjection(): PgProjection {
  return {
    name: 'layouts',
    handles: (type) => type === LAYOUT_ASSIGNED,
    async project(tx, e) {
      const { client } = ownTx(tx, PgTx);
      const l = layoutOf(e);
      await client.query({
        name: 'layouts-put',
        text: `INSERT INTO display_layouts (display_id, layout, seq, assigned_at, assigned_by) VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (display_id) DO UPDATE SET layout = EXCLUDED.layout, seq = EXCLUDED.seq, assigned_at = EXCLUDED.assigned_at, assigned_by = EXCLUDED.assigned_by`,
        values: [l.displayId, JSON.stringify(l.layout), l.seq, l.assignedAt, l.assignedBy],
      });
      return {};
    },
    snapshot: async (db) => (await db.query('SELECT display_id, layout, seq, assigned_at, assigned_by FROM display_layouts ORDER BY display_id COLLATE "C"')).rows,
  };
}
