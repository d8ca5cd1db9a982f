import type { Layout } from '../../contract/layouts.js';
import type { Db } from '../db.js';
import type { StoredEvent } from '../events.js';
import type { DisplayLayoutsTable, StoredLayout } from '../display-layouts.js';
import type { Projection } from './types.js';

export const LAYOUT_ASSIGNED = 'display.layout_assigned';

/** The row a display.layout_assigned makes, on either store. */
export function layoutOf(e: StoredEvent): StoredLayout {
  const p = e.payload as { displayId: string; layout: Layout };
  return { displayId: p.displayId, layout: p.layout, seq: e.seq, assignedAt: e.at, assignedBy: e.actor.name ?? e.actor.id };
}

/** What each display shows: its last display.layout_assigned. */
export function layoutsProjection(db: Db, layouts: DisplayLayoutsTable): Projection {
  const rows = db.prepare('SELECT * FROM display_layouts ORDER BY display_id');
  return {
    name: 'layouts',
    handles: (type) => type === LAYOUT_ASSIGNED,
    project(e: StoredEvent) {
      layouts.set(layoutOf(e));
      return {};
    },
    snapshot: () => rows.all(),
  };
}
