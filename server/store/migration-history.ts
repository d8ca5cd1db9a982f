import { readdirSync } from 'node:fs';

/**
 * The rule both stores' migrators keep (server/store/migrate.ts for SQLite, server/store/pg/migrate.ts for
 * PostgreSQL): migrations are numbered files applied in order, and a landed one is never edited, renamed or
 * removed. A database whose applied list is not a prefix of this build's files was migrated by another history;
 * it is refused rather than patched.
 */
export function migrationFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
}

/** The files still to apply, after checking that `applied` (in order) is where this build's history starts. */
export function pendingMigrations(files: string[], applied: string[]): string[] {
  applied.forEach((name, i) => {
    if (files[i] !== name) throw new Error(`migration history differs at ${name}: this build has ${files[i] ?? 'nothing'} there`);
  });
  return files.slice(applied.length);
}
