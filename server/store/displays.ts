import type { Db } from './db.js';

export type Display = { id: string; name: string; createdAt: string; revokedAt: string | null };
export type RevokedDisplay = { id: string; name: string; createdAt: string; pairedBy: string | null; revokedAt: string; revokedBy: string | null };

export class DisplaysTable {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      insert: db.prepare('INSERT INTO displays (id, name, token_hash, created_at, paired_by) VALUES (?, ?, ?, ?, ?)'),
      byHash: db.prepare('SELECT id, name, created_at AS createdAt, revoked_at AS revokedAt FROM displays WHERE token_hash = ? AND revoked_at IS NULL'),
      byId: db.prepare('SELECT id, name, created_at AS createdAt, revoked_at AS revokedAt FROM displays WHERE id = ?'),
      revoke: db.prepare('UPDATE displays SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL'),
      pairedBy: db.prepare('SELECT id, paired_by AS pairedBy FROM displays'),
      revoked: db.prepare(
        `SELECT id, name, created_at AS createdAt, paired_by AS pairedBy, revoked_at AS revokedAt, revoked_by AS revokedBy
         FROM displays WHERE revoked_at IS NOT NULL ORDER BY revoked_at DESC, id LIMIT ?`,
      ),
    };
  }
  add(id: string, name: string, tokenHash: string, at: string, pairedBy: string | null = null): void {
    this.s.insert.run(id, name, tokenHash, at, pairedBy);
  }
  findActive(tokenHash: string): Display | null {
    return (this.s.byHash.get(tokenHash) as Display | undefined) ?? null;
  }
  get(id: string): Display | null {
    return (this.s.byId.get(id) as Display | undefined) ?? null;
  }
  revoke(id: string, at: string, by: string): void {
    this.s.revoke.run(at, by, id);
  }
  /** Who paired each display (null for displays paired before migration 012). */
  pairedBy(): Map<string, string | null> {
    return new Map((this.s.pairedBy.all() as { id: string; pairedBy: string | null }[]).map((r) => [r.id, r.pairedBy]));
  }
  revokedRecently(limit = 20): RevokedDisplay[] {
    return this.s.revoked.all(limit) as RevokedDisplay[];
  }
}
