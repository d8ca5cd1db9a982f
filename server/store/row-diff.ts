import { isDeepStrictEqual } from 'node:util';

type Row = Record<string, unknown>;

/** A projection row's key: its first column (id), or the first two for a composite key (indicator, period). */
export function keyOf(row: unknown): string {
  const r = row as Row;
  if ('indicator_id' in r) return `${r.indicator_id}|${r.period}`;
  if ('display_id' in r) return String(r.display_id);
  return String(Object.values(r)[0]);
}

/** A row of one side with no row of its key on the other (null there), or the columns in which the two differ. */
export type RowDiff = { key: string; left: Row | null; right: Row | null; fields: string[] };

/**
 * Two snapshots of one projection matched row by row on keyOf: the rebuild's check (live against a fresh fold) and
 * npm run migrate:pg's (SQLite against PostgreSQL). Equal means the same values of the same types in every column
 * of either row but `ignore`: a count read back as text, or a float that moved, is a difference.
 */
export function diffRows(left: readonly unknown[], right: readonly unknown[], ignore: readonly string[] = []): RowDiff[] {
  const out: RowDiff[] = [];
  const theirs = new Map(right.map((r) => [keyOf(r), r as Row]));
  for (const r of left) {
    const row = r as Row;
    const key = keyOf(row);
    const other = theirs.get(key);
    theirs.delete(key);
    if (!other) {
      out.push({ key, left: row, right: null, fields: [] });
      continue;
    }
    const columns = new Set([...Object.keys(row), ...Object.keys(other)]);
    const fields = [...columns].filter((c) => !ignore.includes(c) && !isDeepStrictEqual(row[c], other[c]));
    if (fields.length) out.push({ key, left: row, right: other, fields });
  }
  for (const [key, other] of theirs) out.push({ key, left: null, right: other, fields: [] });
  return out;
}
