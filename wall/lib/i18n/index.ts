import { id, type Dict } from './id';
import { en } from './en';

export type Lang = 'id' | 'en';

/** Bahasa Indonesia unless the address says `?lang=en`. Read once: a wall never changes language on its own. */
export function langFromUrl(search: string = typeof location === 'undefined' ? '' : location.search): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'id';
}

export const dicts: Record<Lang, Dict> = { id, en };
export const lang: Lang = langFromUrl();
export const t: Dict = dicts[lang];
export type { Dict };
