import type { Db } from './db.js';
import type { AccountView, StaffRole } from '../contract/accounts.js';

export type AccountRow = AccountView & { passwordHash: string };

const SELECT = `SELECT id, username, name, role, agency_id AS agencyId, password_hash AS passwordHash,
  disabled_at IS NOT NULL AS disabled, created_at AS createdAt FROM accounts`;

const fix = (r: (Omit<AccountRow, 'disabled'> & { disabled: number }) | undefined): AccountRow | null =>
  r ? { ...r, role: r.role as StaffRole, disabled: r.disabled === 1 } : null;

export class AccountsTable {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO accounts (id, username, name, role, agency_id, password_hash, created_at, updated_at)
         VALUES (@id, @username, @name, @role, @agencyId, @passwordHash, @createdAt, @createdAt)`,
      ),
      byId: db.prepare(`${SELECT} WHERE id = ?`),
      byUsername: db.prepare(`${SELECT} WHERE username = ?`),
      all: db.prepare(`${SELECT} ORDER BY role, agency_id, username, id`),
      fieldOf: db.prepare(`${SELECT} WHERE role = 'field' AND agency_id = ? AND disabled_at IS NULL ORDER BY name, id`),
      setDisabled: db.prepare('UPDATE accounts SET disabled_at = ?, updated_at = ? WHERE id = ?'),
      setPassword: db.prepare('UPDATE accounts SET password_hash = ?, updated_at = ? WHERE id = ?'),
      count: db.prepare('SELECT COUNT(*) FROM accounts').pluck(),
      session: db.prepare('INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
      sessionAccount: db.prepare(
        `SELECT a.id, a.username, a.name, a.role, a.agency_id AS agencyId, a.password_hash AS passwordHash,
           a.disabled_at IS NOT NULL AS disabled, a.created_at AS createdAt
         FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ? AND s.expires_at > ?`,
      ),
      endSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      endSessionsOf: db.prepare('DELETE FROM sessions WHERE account_id = ?'),
      purge: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    };
  }
  add(a: Omit<AccountRow, 'disabled'>): void {
    this.s.insert.run(a);
  }
  get(id: string) {
    return fix(this.s.byId.get(id) as never);
  }
  byUsername(username: string) {
    return fix(this.s.byUsername.get(username) as never);
  }
  list(): AccountRow[] {
    return (this.s.all.all() as never[]).map((r) => fix(r)!);
  }
  fieldSupervisors(agencyId: string): AccountRow[] {
    return (this.s.fieldOf.all(agencyId) as never[]).map((r) => fix(r)!);
  }
  setDisabled(id: string, at: string | null, now: string): void {
    this.s.setDisabled.run(at, now, id);
  }
  setPassword(id: string, hash: string, now: string): void {
    this.s.setPassword.run(hash, now, id);
  }
  count(): number {
    return this.s.count.get() as number;
  }
  addSession(tokenHash: string, accountId: string, at: string, expiresAt: string): void {
    this.s.session.run(tokenHash, accountId, at, expiresAt);
  }
  sessionAccount(tokenHash: string, now: string) {
    return fix(this.s.sessionAccount.get(tokenHash, now) as never);
  }
  /** Ends every session of an account (projections/accounts.ts endsSessions says when). */
  endSessionsOf(id: string): void {
    this.s.endSessionsOf.run(id);
  }
  endSession(tokenHash: string): void {
    this.s.endSession.run(tokenHash);
  }
  purgeSessions(now: string): void {
    this.s.purge.run(now);
  }
}
