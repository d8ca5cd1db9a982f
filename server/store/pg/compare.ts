import { isDeepStrictEqual } from 'node:util';
import type pg from 'pg';
import type { Projection } from '../projections/types.js';
import { keyOf } from '../rebuild.js';
import type { PgProjection } from './projections/types.js';

/**
 * One row that differs between a SQLite projection and the PostgreSQL one of the same name (null: missing there), and
 * the columns that differ when both have it.
 */
export type PgDifference = { projection: string; key: string; sqlite: Record<string, unknown> | null; pg: Record<string, unknown> | null; fields: string[] };

/**
 * Columns one store keeps and the other compares nothing against: SQLite's report_search facts (its FTS5 device);
 * PostgreSQL's `place` is not in its snapshot.
 */
const ONLY_SQLITE: Record<string, readonly string[]> = { reports: ['search_facts'] };

/**
 * The rows of every PostgreSQL projection against the SQLite projection of the same name, field by field: each SQLite
 * row's columns (but those above), the row of the same key on PostgreSQL (rebuild.ts's keyOf). Equal means the same
 * values of the same types: a count read back as text, or a float that moved, is a difference.
 */
export async function pgDifferences(sqlite: readonly Projection[], pgProjections: readonly PgProjection[], db: pg.Pool | pg.PoolClient): Promise<{ rows: number; differences: PgDifference[] }> {
  const differences: PgDifference[] = [];
  let rows = 0;
  for (const p of pgProjections) {
    const mine = sqlite.find((s) => s.name === p.name);
    if (!mine) throw new Error(`the SQLite store has no projection named ${p.name}`);
    const theirs = new Map((await p.snapshot(db)).map((r) => [keyOf(r), r]));
    for (const row of mine.snapshot() as Record<string, unknown>[]) {
      rows++;
      const key = keyOf(row);
      const other = theirs.get(key);
      theirs.delete(key);
      const fields = other ? Object.keys(row).filter((c) => !ONLY_SQLITE[p.name]?.includes(c) && !isDeepStrictEqual(other[c], row[c])) : [];
      if (!other || fields.length) differences.push({ projection: p.name, key, sqlite: row, pg: other ?? null, fields });
    }
    for (const [key, other] of theirs) differences.push({ projection: p.name, key, sqlite: null, pg: other, fields: [] });
  }
  return { rows, differences };
}
