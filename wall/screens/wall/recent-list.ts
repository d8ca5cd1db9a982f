import { createSignal } from 'solid-js';
import type { Live, Marker } from '../../lib/live';
import { isOffTheWall } from '../../../server/domain/statuses';

/**
 * The few latest reports for the idle side panel: found by one pass over the markers after a
 * snapshot, then kept up to date from submissions. Never more than `max` entries.
 */
export function createRecentList(live: Live, max = 6) {
  const [items, setItems] = createSignal<readonly Marker[]>([]);

  function rescan() {
    const top: Marker[] = [];
    for (const m of live.markers.values()) {
      // A duplicate merged into another report is one problem, one marker: not a second row either; nor one gone to another city.
      if (isOffTheWall(m.status)) continue;
      if (top.length === max && m.createdAt <= top[top.length - 1].createdAt) continue;
      let i = top.length;
      while (i > 0 && top[i - 1].createdAt < m.createdAt) i--;
      top.splice(i, 0, m);
      if (top.length > max) top.pop();
    }
    setItems(top);
  }

  const offChange = live.onChange((ids) => {
    if (ids === null) return rescan();
    const listed = new Set(items().map((m) => m.id));
    for (const id of ids) if (listed.has(id) && isOffTheWall(live.get(id)?.status ?? '')) return rescan();
  });
  const offSubmitted = live.onSubmitted((r) => {
    const m = live.get(r.id);
    if (!m) return;
    setItems((prev) => [m, ...prev.filter((x) => x.id !== m.id)].slice(0, max));
  });
  rescan();

  return {
    items,
    dispose() {
      offChange();
      offSubmitted();
    },
  };
}
