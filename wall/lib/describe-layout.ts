import type { Layout, ViewSpec } from '../../server/contract/layouts';
import { viewName } from './views';
import { windowHeader } from './time-window';
import { dt } from '../screens/layar/console-i18n';

/** A view in the room's words, with its time window when it has one ("Peta laporan (Masuk 6 jam terakhir)"). */
const viewText = (v: ViewSpec) => (v.window ? `${viewName(v.view)} (${windowHeader(v.window)})` : viewName(v.view));

/**
 * One line that says what a display shows, on its console card. Every kind names every window the display
 * keeps: a split or playlist whose map has a window must not read like the whole city.
 */
export function describeLayout(l: Layout): string {
  switch (l.kind) {
    case 'single':
      return viewText(l.view);
    case 'split':
      return dt.split(viewText(l.views[0]), viewText(l.views[1]));
    case 'playlist':
      return `${dt.playlist(l.items.length)}: ${l.items.map((i) => `${viewText(i)} ${i.seconds} s`).join(' → ')}`;
    case 'span':
      return l.window ? `${dt.span(l.column + 1, l.of)} (${windowHeader(l.window)})` : dt.span(l.column + 1, l.of);
  }
}
