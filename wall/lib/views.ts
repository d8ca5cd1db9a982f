import type { ViewId } from '../../server/contract/layouts';
import { lang } from './i18n';

/**
 * Every view a wall display can be given, one line each: the screen's own address (it runs in its own frame, so it
 * keeps the whole-viewport scale it was designed for) and its name on the console and the playlist countdown.
 * A new view is one line here plus its id in server/contract/layouts.ts.
 */
export const VIEWS: Record<ViewId, { path: string; id: string; en: string }> = {
  map: { path: '/wall', id: 'Peta laporan', en: 'Report map' },
  cameras: { path: '/wall/kamera', id: 'Kamera CCTV', en: 'CCTV cameras' },
  performance: { path: '/wall/kinerja', id: 'Kinerja OPD', en: 'Agency performance' },
  indicators: { path: '/wall/indikator', id: 'Indikator kinerja', en: 'Government indicators' },
};

export const viewName = (v: ViewId) => VIEWS[v][lang];

/** The address a frame loads for one view: the same language, marked as embedded (no release watch of its own). */
export function viewUrl(v: ViewId, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams({ embed: '1' });
  if (lang === 'en') q.set('lang', 'en');
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) q.set(key, value);
  return `${VIEWS[v].path}?${q}`;
}

/** True inside a layout's frame: the layout screen around it watches releases and reloads for everyone. */
export const embedded = () => new URLSearchParams(location.search).get('embed') === '1';
