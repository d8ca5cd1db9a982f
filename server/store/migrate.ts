import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.js';
import { migrationFiles, pendingMigrations } from './migration-history.js';

const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

/** Applies numbered SQL files in order; refuses a database whose history differs from the files. */
export function migrate(db: Db, dir = MIGRATIONS_DIR): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = db.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all() as string[];
  const fresh = pendingMigrations(migrationFiles(dir), applied);
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  for (const f of fresh) {
    db.transaction(() => {
      db.exec(readFileSync(join(dir, f), 'utf8'));
      record.run(f, new Date().toISOString());
    })();
  }
  return fresh;
}
