import type { Db } from './db.js';
import type { ApiClientView, ApiScope } from '../contract/api-clients.js';

type Row = Omit<ApiClientView, 'scopes'> & { scopes: string };

const SELECT = `SELECT id, name, key_prefix AS keyPrefix, scopes, created_by AS createdBy, created_at AS createdAt,
  revoked_at AS revokedAt FROM api_clients`;
const fix = (r: Row | undefined): ApiClientView | null => (r ? { ...r, scopes: JSON.parse(r.scopes) as ApiScope[] } : null);

/** Systems holding an API key; the key itself is never stored, only its SHA-256. */
export class ApiClientsTable {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO api_clients (id, name, key_prefix, key_hash, scopes, created_by, created_at)
         VALUES (@id, @name, @keyPrefix, @keyHash, @scopes, @createdBy, @createdAt)`,
      ),
      byId: db.prepare(`${SELECT} WHERE id = ?`),
      byHash: db.prepare(`${SELECT} WHERE key_hash = ?`),
      all: db.prepare(`${SELECT} ORDER BY revoked_at IS NOT NULL, created_at DESC, id`),
      revoke: db.prepare('UPDATE api_clients SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL'),
    };
  }
  add(c: Omit<ApiClientView, 'revokedAt'> & { keyHash: string }): void {
    this.s.insert.run({ ...c, scopes: JSON.stringify(c.scopes) });
  }
  get(id: string): ApiClientView | null {
    return fix(this.s.byId.get(id) as Row | undefined);
  }
  /** The client holding a key (revoked or not: the caller decides what a revoked key gets). */
  byKeyHash(hash: string): ApiClientView | null {
    return fix(this.s.byHash.get(hash) as Row | undefined);
  }
  list(): ApiClientView[] {
    return (this.s.all.all() as Row[]).map((r) => fix(r)!);
  }
  revoke(id: string, at: string, by: string): boolean {
    return this.s.revoke.run(at, by, id).changes === 1;
  }
}
