import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { registerSearchFunctions } from './report-search.js';

export type Db = Database.Database;

/**
 * FULL: every COMMIT waits for the WAL to reach the disk, so an acknowledged report survives a power cut or a kernel
 * crash, not only a killed hub (NORMAL can lose the last commits). Group commit (group-commit.ts) keeps intake
 * throughput: one fsync for the submissions that arrive together. NORMAL is for the benches' before/after only.
 */
export type Synchronous = 'FULL' | 'NORMAL';

export function openDb(file: string, synchronous: Synchronous = 'FULL'): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL: readers never block the writer, and a killed hub keeps every committed transaction.
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  registerSearchFunctions(db);
  return db;
}

/**
 * An existing store file as it is, read only: npm run migrate:pg reads a city's log from it without migrating the
 * file or taking its write lock (a hub may still be running on it).
 */
export function openDbReadOnly(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
