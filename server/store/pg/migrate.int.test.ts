import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../testing/postgres.js';
import { openPool } from './pool.js';
import { migratePg } from './migrate.js';
import { migrationFiles } from '../migration-history.js';

const db = await testDatabase();
const pool = openPool(db.url, 2);
afterAll(async () => {
  await pool.end();
  await db.drop();
});

describe('PostgreSQL migrations', () => {
  it('are applied once: a database copied from the migrated template has nothing left to apply', async () => {
    expect(await migratePg(pool)).toEqual([]);
    const { rows } = await pool.query('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(migrationFiles(join(import.meta.dirname, 'migrations')));
  });

  it('refuse a database whose history differs from this build, as SQLite does', async () => {
    const other = mkdtempSync(join(tmpdir(), 'pantau-pg-migrations-'));
    writeFileSync(join(other, '001_other.sql'), 'SELECT 1');
    await expect(migratePg(pool, other)).rejects.toThrow(/history differs at 001_event_log.sql: this build has 001_other.sql there/);
    rmSync(other, { recursive: true });
  });
});
