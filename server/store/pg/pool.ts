import pg from 'pg';

/**
 * A pool of connections to the PostgreSQL store. BIGINT (seq, report ids) is read as a number, as SQLite gives it:
 * seq stays far below 2^53 (a million events a day for 24 million years).
 */
export function openPool(url: string, max = 10, schema: string | null = null): pg.Pool {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max, types });
  // A city of an installation of several keeps its tables in a schema of its own; PostGIS and pg_trgm stay in public.
  // Set on each new connection, before any query of it: a startup option would lose to an `options` in the URL.
  if (schema) pool.on('connect', (client) => void client.query(`SET search_path TO ${quoteIdent(schema)}, public`).catch(() => {}));
  // An idle client whose server went away (a restart, a killed backend) emits 'error'; without a listener that
  // would end the process. The pool drops that client; the next checkout connects afresh.
  pool.on('error', () => {});
  return pool;
}

/** A schema's name as an SQL identifier (city schemas are made of [a-z0-9_], but a quoted name is never read as SQL). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
