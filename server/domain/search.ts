import { stripControls } from './text.js';

/**
 * What an operator's search words mean. The queue's list shows category and kecamatan names, which are profile
 * data, not report columns: searching "Kemacetan" or "Benda" in the report's text alone found nothing while the
 * list showed dozens. So each word matches a report's ticket, description or address, or names its category
 * (in Bahasa Indonesia or English, or its id) or its kecamatan; every word must match (words narrow, as in any
 * search box). Case and accents do not matter.
 */
export type SearchTerm = { text: string; categoryIds: string[]; districtCodes: string[] };

type Named = { id: string; names: string[] };

export const foldText = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** A report's text matches this pattern (SQL LIKE, wildcards removed from the word). */
export const likePattern = (word: string) => `%${word.replace(/[%_\\]/g, '')}%`;

export function searchTerms(
  q: string,
  profile: { categories: { id: string; label: { id: string; en: string } }[]; districts: { code: string; name: string }[] },
  maxWords = 6,
): SearchTerm[] {
  const categories: Named[] = profile.categories.map((c) => ({ id: c.id, names: [c.label.id, c.label.en, c.id].map(foldText) }));
  const districts: Named[] = profile.districts.map((d) => ({ id: d.code, names: [foldText(d.name)] }));
  const names = (list: Named[], w: string) => list.filter((x) => x.names.some((n) => n.includes(w))).map((x) => x.id);
  // Control characters are dropped as at intake (a NUL would end the index's query string early).
  const words = stripControls(q).split(/\s+/).map((w) => w.replace(/[%_\\]/g, '')).filter(Boolean).slice(0, maxWords);
  return words.map((text) => {
    const w = foldText(text);
    return { text, categoryIds: names(categories, w), districtCodes: names(districts, w) };
  });
}
