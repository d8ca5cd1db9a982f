import { createHash } from 'node:crypto';
import type { Db } from './db.js';
import type { SearchTerm } from '../domain/search.js';

/**
 * The report_search projection's columns (migration 023) and the FTS5 queries over it. The trigram tokenizer indexes
 * every run of three characters: a word of three or more matches wherever it appears in the body, and a fact
 * written as exactly three characters of its own is a single index entry, so "agency dkp and kecamatan Benda" is
 * the intersection of two lists of ids, not a phrase checked position by position (a fact spelled out as
 * "|a:dkp|" shares its trigrams with every other report's and cost 10–20× more at 100,000 reports).
 */

export type FactKind = 'agency' | 'category' | 'district' | 'channel';
export type Facts = { agencyId: string; categoryId: string; districtCode: string | null; channel: string };

const CJK = 0x4e00;
const CJK_SPAN = 20_000;

/**
 * A fact as three CJK characters from a hash of it: never typed by an operator, never produced by the tokenizer
 * across two facts (they are separated by spaces). A collision (about 1 in 8·10¹² per pair) only lets a report
 * through the index that the SQL checks on the row then drop. Stored in every report_search row: never change it.
 */
export function searchFact(kind: FactKind, value: string | null): string {
  const h = createHash('sha256').update(`${kind}:${value ?? ''}`).digest();
  return [0, 2, 4].map((i) => String.fromCharCode(CJK + (h.readUInt16BE(i) % CJK_SPAN))).join('');
}

export const searchFacts = (f: Facts): string =>
  [searchFact('agency', f.agencyId), searchFact('category', f.categoryId), searchFact('district', f.districtCode), searchFact('channel', f.channel)].join(' ');

/** Ticket, description and address, one per line (a search word has no line break, so none spans two). */
export const searchBody = (ticket: string, description: string, address: string | null): string => `${ticket}\n${description}\n${address ?? ''}`;

/** The same functions inside SQLite: migration 023 fills report_search from the reports already there. */
export function registerSearchFunctions(db: Db): void {
  db.function('search_body', { deterministic: true }, (t, d, a) => searchBody(String(t), String(d), a === null ? null : String(a)));
  db.function('search_facts', { deterministic: true }, (agency, category, district, channel) =>
    searchFacts({ agencyId: String(agency), categoryId: String(category), districtCode: district === null ? null : String(district), channel: String(channel) }),
  );
}

/** The trigram index has nothing for a shorter word: such a word is checked on the row (and so scans). */
export const MIN_INDEXED_WORD = 3;

const phrase = (s: string) => `"${s.replace(/"/g, '""')}"`;
const fact = (kind: FactKind, value: string | null) => `facts : ${phrase(searchFact(kind, value))}`;

/**
 * The FTS5 MATCH for a queue filter's facts and indexed words, or null when it has none (the queue then walks
 * the reports table). A word matches the body or names one of its categories or kecamatan.
 */
export function searchMatch(f: { agencyId?: string | null; categoryId?: string; districtCode?: string; channel?: string; terms?: SearchTerm[] }): string | null {
  const parts: string[] = [];
  if (f.agencyId) parts.push(fact('agency', f.agencyId));
  if (f.categoryId) parts.push(fact('category', f.categoryId));
  if (f.districtCode) parts.push(fact('district', f.districtCode));
  if (f.channel) parts.push(fact('channel', f.channel));
  for (const t of f.terms ?? []) {
    if ([...t.text].length < MIN_INDEXED_WORD) continue;
    const alternatives = [`body : ${phrase(t.text)}`, ...t.categoryIds.map((c) => fact('category', c)), ...t.districtCodes.map((d) => fact('district', d))];
    parts.push(alternatives.length > 1 ? `(${alternatives.join(' OR ')})` : alternatives[0]);
  }
  return parts.length ? parts.join(' AND ') : null;
}
