import type { Layout } from '../../contract/layouts.js';
import type { Db } from '../db.js';
import type { StoredEvent } from '../events.js';
import type { DisplayLayoutsTable } from '../display-layouts.js';
import type { Projection } from './types.js';

export const LAYOUT_ASSIGNED = 'display.layout_assigned';

/** What each display shows: its last display.layout_assigned. */
export function layoutsProjection(db: Db, layouts: DisplayLayoutsTable): Projection {
  const rows = db.prepare('SELECT * FROM display_layouts ORDER BY display_id');
  return {
    name: 'layouts',
    handles: (type) => type === LAYOUT_ASSIGNED,
    project(e: StoredEvent) {
      const p = e.payload as { displayId: string; layout: Layout };
      layouts.set({ displayId: p.displayId, layout: p.layout, seq: e.seq, assignedAt: e.at, assignedBy: e.actor.name ?? e.actor.id });
      return {};
    },
    snapshot: () => rows.all(),
  };
}
