import type { Db } from './db.js';

export type Display = { id: string; name: string; createdAt: string; revokedAt: string | null };

export class DisplaysTable {
  private readonly insertStmt;
  private readonly byHash;
  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO displays (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)');
    this.byHash = db.prepare(
      'SELECT id, name, created_at AS createdAt, revoked_at AS revokedAt FROM displays WHERE token_hash = ? AND revoked_at IS NULL',
    );
  }
  add(id: string, name: string, tokenHash: string, at: string): void {
    this.insertStmt.run(id, name, tokenHash, at);
  }
  findActive(tokenHash: string): Display | null {
    return (this.byHash.get(tokenHash) as Display | undefined) ?? null;
  }
}
