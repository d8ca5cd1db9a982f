import type pg from 'pg';
import type { QueueFilter } from '../reports.js';
import { REPORT_COLUMNS, reportFromRow, type ReportRow } from '../reports.js';
import type { ReportState } from '../../domain/reports.js';
import { foldText, likePattern } from '../../domain/search.js';
import { MIN_INDEXED_WORD } from '../report-search.js';
import { PG_BREACHED_SQL } from './status-sql.js';

/**
 * The console queue on PostgreSQL, as SQLite's ReportsTable.queuePage / queueCount / queueChanges answer it: the facts
 * on the report's own columns, each word of three or more characters in its folded text through the trigram index
 * (migration 016), or naming one of its categories or kecamatan; a shorter word checked on the row as SQLite does.
 */
type Compiled = { where: string[]; values: unknown[] };

function compile(f: QueueFilter): Compiled {
  const where: string[] = [];
  const values: unknown[] = [];
  const arg = (v: unknown) => (values.push(v), `$${values.length}`);
  const eq = (col: string, v: string | null | undefined) => {
    if (v) where.push(`${col} = ${arg(v)}`);
  };
  eq('agency_id', f.agencyId);
  eq('category_id', f.categoryId);
  eq('district_code', f.districtCode);
  eq('channel', f.channel);
  if (f.statuses?.length) where.push(`status = ANY(${arg(f.statuses)}::text[])`);
  if (f.breached !== undefined) where.push(`${PG_BREACHED_SQL} = ${f.breached ? 1 : 0}`);
  if (f.createdBefore) where.push(`created_at < ${arg(f.createdBefore)}`);
  for (const t of f.terms ?? []) {
    const short = [...t.text].length < MIN_INDEXED_WORD;
    const or = short
      ? ['ticket', 'description', 'address'].map((col) => `${col} ILIKE ${arg(likePattern(t.text))}`)
      : [`search_words LIKE ${arg(likePattern(foldText(t.text)))}`];
    if (t.categoryIds.length) or.push(`category_id = ANY(${arg(t.categoryIds)}::text[])`);
    if (t.districtCodes.length) or.push(`district_code = ANY(${arg(t.districtCodes)}::text[])`);
    where.push(`(${or.join(' OR ')})`);
  }
  return { where, values };
}

const whereOf = (where: string[]) => (where.length ? ` WHERE ${where.join(' AND ')}` : '');
const SELECT = `SELECT ${REPORT_COLUMNS.join(', ')} FROM reports`;

/** One page of the queue, newest first, after the cursor (the last id of the page before). */
export async function queuePage(client: pg.PoolClient, f: QueueFilter, page: { before?: number; limit: number }): Promise<ReportState[]> {
  const c = compile(f);
  if (page.before !== undefined) c.where.push(`id < $${c.values.push(page.before)}`);
  const text = `${SELECT}${whereOf(c.where)} ORDER BY id DESC LIMIT $${c.values.push(page.limit)}`;
  return (await client.query<ReportRow>({ text, values: c.values })).rows.map(reportFromRow);
}

/** How many reports the filter matches, counted up to `cap`. */
export async function queueCount(client: pg.PoolClient, f: QueueFilter, cap: number): Promise<number> {
  const c = compile(f);
  const text = `SELECT COUNT(*)::int AS n FROM (SELECT 1 FROM reports${whereOf(c.where)} LIMIT $${c.values.push(cap)}) matched`;
  return (await client.query<{ n: number }>({ text, values: c.values })).rows[0].n;
}

/** What changed for a queue since a seq (SQLite's queueChanges); null when more than `cap` reports changed. */
export async function queueChanges(client: pg.PoolClient, f: QueueFilter, sinceSeq: number, cap: number): Promise<{ matching: ReportState[]; gone: number[] } | null> {
  const ids = (await client.query<{ id: number }>({ name: 'queue-changed-ids', text: 'SELECT id FROM reports WHERE last_seq > $1 ORDER BY last_seq LIMIT $2', values: [sinceSeq, cap + 1] })).rows.map((r) => r.id);
  if (ids.length > cap) return null;
  if (!ids.length) return { matching: [], gone: [] };
  const c = compile(f);
  c.where.unshift(`id = ANY($${c.values.push(ids)}::bigint[])`);
  const matching = (await client.query<ReportRow>({ text: `${SELECT}${whereOf(c.where)} ORDER BY id DESC`, values: c.values })).rows.map(reportFromRow);
  const kept = new Set(matching.map((r) => r.id));
  return { matching, gone: ids.filter((id) => !kept.has(id)) };
}
