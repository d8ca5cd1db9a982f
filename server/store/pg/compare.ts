import type pg from 'pg';
import type { Projection } from '../projections/types.js';
import { diffRows } from '../row-diff.js';
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
 * row against the row of the same key on PostgreSQL, every column but those above (row-diff.ts).
 */
export async function pgDifferences(sqlite: readonly Projection[], pgProjections: readonly PgProjection[], db: pg.Pool | pg.PoolClient): Promise<{ rows: number; differences: PgDifference[] }> {
  const differences: PgDifference[] = [];
  let rows = 0;
  for (const p of pgProjections) {
    const mine = sqlite.find((s) => s.name === p.name);
    if (!mine) throw new Error(`the SQLite store has no projection named ${p.name}`);
    const rowsHere = mine.snapshot();
    rows += rowsHere.length;
    for (const d of diffRows(rowsHere, await p.snapshot(db), ONLY_SQLITE[p.name])) differences.push({ projection: p.name, key: d.key, sqlite: d.left, pg: d.right, fields: d.fields });
  }
  return { rows, differences };
}
