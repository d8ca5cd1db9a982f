import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { quoteIdent } from './pool.js';
import { migrationFiles, pendingMigrations } from '../migration-history.js';

const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');
/** pg_advisory_lock key of the migrator: hubs starting together take turns, the later ones find nothing to do. */
const MIGRATE_LOCK = 7_305_001;

/**
 * Applies the numbered SQL files of server/store/pg/migrations in order, each in its own transaction. With a schema
 * (a city of an installation of several, the pool's search_path), that schema is made first, and the extensions go
 * into public, where every city's search_path finds them: made in the first city's schema, no other city would see
 * them, and CREATE EXTENSION IF NOT EXISTS would not make them again.
 */
export async function migratePg(pool: pg.Pool, dir = MIGRATIONS_DIR, schema: string | null = null): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
    if (schema) {
      // Under the lock: CREATE ... IF NOT EXISTS from two hubs at once can still collide on the catalog.
      await client.query('CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public');
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public');
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    }
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const applied = (await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name);
    const fresh = pendingMigrations(migrationFiles(dir), applied);
    for (const f of fresh) {
      await client.query('BEGIN');
      try {
        await client.query(readFileSync(join(dir, f), 'utf8'));
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [f]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`PostgreSQL migration ${f} failed: ${(e as Error).message}`, { cause: e });
      }
    }
    return fresh;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]).catch(() => {});
    client.release();
  }
}
