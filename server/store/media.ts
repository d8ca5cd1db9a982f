import type { Db } from './db.js';

export type MediaRow = { hash: string; width: number; height: number; bytes: number; createdAt: string };

export class MediaTable {
  private readonly insertStmt;
  private readonly hasStmt;
  private readonly allStmt;
  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT OR IGNORE INTO media (hash, width, height, bytes, created_at) VALUES (@hash, @width, @height, @bytes, @createdAt)',
    );
    this.hasStmt = db.prepare('SELECT 1 FROM media WHERE hash = ?').pluck();
    this.allStmt = db.prepare('SELECT hash FROM media').pluck();
  }
  add(m: MediaRow): void {
    this.insertStmt.run(m);
  }
  has(hash: string): boolean {
    return this.hasStmt.get(hash) !== undefined;
  }
  hashes(): Set<string> {
    return new Set(this.allStmt.all() as string[]);
  }
}
