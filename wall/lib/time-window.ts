import { lang } from './i18n';
import { parseTimeWindow, type TimeWindow } from '../../server/contract/time-window';

export { TIME_WINDOWS, WINDOW_MS, countInWindow, inWindow, isTimeWindow, parseTimeWindow, windowStart, type TimeWindow, type WindowCounts } from '../../server/contract/time-window';

/** The URL parameter a supervisor (or a bookmark on a wall PC) sets: `?jendela=6h`. */
export const WINDOW_PARAM = 'jendela';

export function windowFromUrl(search: string = location.search): TimeWindow | null {
  return parseTimeWindow(new URLSearchParams(search).get(WINDOW_PARAM));
}

/** Keeps the address in step with the control, so a reload (or a copied link) shows the same window. */
export function windowToUrl(window: TimeWindow | null) {
  const u = new URL(location.href);
  if (window) u.searchParams.set(WINDOW_PARAM, window);
  else u.searchParams.delete(WINDOW_PARAM);
  history.replaceState(history.state, '', u);
}

const LABELS = {
  id: { button: { '1h': '1 jam', '6h': '6 jam', '24h': '24 jam', '7d': '7 hari' }, all: 'Semua', header: (w: string) => `Masuk ${w} terakhir`, control: 'Tampilkan laporan' },
  en: { button: { '1h': '1 hour', '6h': '6 hours', '24h': '24 hours', '7d': '7 days' }, all: 'All', header: (w: string) => `Last ${w}`, control: 'Show reports' },
} satisfies Record<'id' | 'en', { button: Record<TimeWindow, string>; all: string; header: (w: string) => string; control: string }>;

export const windowText = LABELS[lang];
/** What the header says while a window is on, so nobody reads it as the whole city. */
export const windowHeader = (w: TimeWindow) => windowText.header(windowText.button[w]);
