import type { DisplayLayoutPush, ViewSpec } from '../../../server/contract/layouts';
import { spanBounds } from '../../../server/domain/layouts';
import { viewUrl } from '../../lib/views';
import { WINDOW_PARAM } from '../../lib/time-window';

/** One framed view of a layout: where it sits on the screen (percent of the screen), and for playlists its turn. */
export type Pane = { url: string; view: ViewSpec['view']; box: { left: number; top: number; width: number; height: number }; turn: number | null };

const FULL = { left: 0, top: 0, width: 100, height: 100 };
// The map reads its window from ?jendela= (WINDOW_PARAM), as a bookmarked wall does.
const urlOf = (v: ViewSpec, extra: Record<string, string | undefined> = {}) => viewUrl(v.view, { [WINDOW_PARAM]: v.window, ...extra });

/**
 * The frames a layout needs. A view keeps its frame (same address) across layout changes, so going from the map
 * alone to a split of map and cameras does not reload the map; in a playlist every item stays loaded and only
 * the one whose turn it is shows, so the switch is instant and nothing reloads for weeks.
 */
export function panesOf(l: DisplayLayoutPush['layout']): Pane[] {
  switch (l.kind) {
    case 'single':
      return [{ url: urlOf(l.view), view: l.view.view, box: FULL, turn: null }];
    case 'split': {
      const cols = l.direction === 'columns';
      return l.views.map((v, i) => ({
        url: urlOf(v, { pane: String(i) }),
        view: v.view,
        box: cols ? { left: i * 50, top: 0, width: 50, height: 100 } : { left: 0, top: i * 50, width: 100, height: 50 },
        turn: null,
      }));
    }
    case 'playlist':
      return l.items.map((v, i) => ({ url: urlOf(v, { turn: String(i) }), view: v.view, box: FULL, turn: i }));
    case 'span':
      return [{ url: urlOf({ view: 'map', window: l.window }, { bounds: spanBounds(l.bounds, l.column, l.of).join(','), span: `${l.column + 1}/${l.of}` }), view: 'map', box: FULL, turn: null }];
  }
}
