import type { Db } from './db.js';

export type OutboxMessage = { seq: number; agencyId: string | null; url: string; body: string; at: string };
export type ClaimedMessage = { id: number; seq: number; agencyId: string | null; url: string; body: string; attempts: number };
export type OutboxCounts = { pending: number; givenUp: number };

/**
 * Messages to other systems, added in the transaction of their event and sent by a worker (jobs/outbox-worker.ts).
 * Operational state beside the log, not a projection (see migration 024): a rebuild never touches it, so it never
 * sends again what was delivered.
 */
export class OutboxTable {
  private readonly addStmt;
  private readonly claimStmt;
  private readonly dueStmt;
  private readonly deliveredStmt;
  private readonly retryStmt;
  private readonly giveUpStmt;
  private readonly countsStmt;
  private readonly pruneStmt;
  constructor(db: Db) {
    // A repeat of the same event to the same receiver is one message.
    this.addStmt = db.prepare(
      `INSERT INTO outbox (seq, agency_id, url, body, created_at, next_attempt_at) VALUES (@seq, @agencyId, @url, @body, @at, @at)
       ON CONFLICT (seq, url) DO NOTHING`,
    );
    // One statement takes the rows: under SQLite's write lock no other worker reads them in between. The outer
    // WHERE says again that the claim must have run out, so on PostgreSQL (READ COMMITTED re-checks it on the row a
    // concurrent UPDATE changed) the second of two workers skips the row the first took. Same rule as
    // domain/leases.ts leaseExpired; a claim has to be decided inside the UPDATE to be atomic.
    this.claimStmt = db.prepare(
      `UPDATE outbox SET claimed_by = @owner, claimed_until = @until
       WHERE id IN (SELECT id FROM outbox WHERE delivered_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= @now
                      AND (claimed_until IS NULL OR claimed_until <= @now) ORDER BY next_attempt_at, id LIMIT @limit)
         AND (claimed_until IS NULL OR claimed_until <= @now)
       RETURNING id, seq, agency_id AS agencyId, url, body, attempts`,
    );
    this.dueStmt = db.prepare('SELECT 1 FROM outbox WHERE delivered_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ? LIMIT 1').pluck();
    // Delivered is a fact whoever holds the claim now (a slow worker whose claim was taken over still delivered).
    this.deliveredStmt = db.prepare('UPDATE outbox SET delivered_at = @at, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL, last_error = NULL WHERE id = @id AND delivered_at IS NULL');
    // A failure is recorded only by the claim's holder: it must not move the next try of a worker that took over.
    this.retryStmt = db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @retryAt, claimed_by = NULL, claimed_until = NULL, last_error = @error WHERE id = @id AND claimed_by = @owner AND delivered_at IS NULL');
    this.giveUpStmt = db.prepare('UPDATE outbox SET attempts = attempts + 1, given_up_at = @at, claimed_by = NULL, claimed_until = NULL, last_error = @error WHERE id = @id AND claimed_by = @owner AND delivered_at IS NULL');
    this.countsStmt = db.prepare(
      `SELECT (SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND given_up_at IS NULL) AS pending,
              (SELECT COUNT(*) FROM outbox WHERE given_up_at IS NOT NULL) AS givenUp`,
    );
    this.pruneStmt = db.prepare('DELETE FROM outbox WHERE COALESCE(delivered_at, given_up_at) < ?');
  }

  /** Call inside the transaction that appends the message's event. */
  add(m: OutboxMessage): void {
    this.addStmt.run(m);
  }

  /** Whether anything may be due: a read, so an idle worker's tick never takes the write lock. */
  anyDue(now: string): boolean {
    return this.dueStmt.get(now) !== undefined;
  }

  /** Takes up to `limit` messages that are due and that no live claim holds, for `owner` until `until`. */
  claim(owner: string, now: string, until: string, limit: number): ClaimedMessage[] {
    return this.claimStmt.all({ owner, now, until, limit }) as ClaimedMessage[];
  }

  delivered(id: number, at: string): void {
    this.deliveredStmt.run({ id, at });
  }

  /** Records a failed try; false when the claim was no longer `owner`'s. */
  failed(id: number, owner: string, error: string, next: { retryAt: string } | { giveUpAt: string }): boolean {
    const r = 'retryAt' in next ? this.retryStmt.run({ id, owner, error, retryAt: next.retryAt }) : this.giveUpStmt.run({ id, owner, error, at: next.giveUpAt });
    return r.changes === 1;
  }

  counts(): OutboxCounts {
    return this.countsStmt.get() as OutboxCounts;
  }

  /** Forgets messages settled (delivered or given up) before `before`. */
  prune(before: string): number {
    return this.pruneStmt.run(before).changes;
  }
}

/**
 * The outbox as the worker (jobs/outbox-worker.ts) sends it, on either store: each call its own statement, outside
 * any command's transaction. SQLite's below; PostgreSQL's in pg/outbox.ts.
 */
export interface OutboxQueue {
  /** Identifies the store: with the seq, the Idempotency-Key a receiver drops a repeat by. */
  readonly storeId: string;
  prune(before: string): Promise<number>;
  anyDue(now: string): Promise<boolean>;
  claim(owner: string, now: string, until: string, limit: number): Promise<ClaimedMessage[]>;
  delivered(id: number, at: string): Promise<void>;
  failed(id: number, owner: string, error: string, next: { retryAt: string } | { giveUpAt: string }): Promise<boolean>;
}

export const sqliteOutboxQueue = (storeId: string, t: OutboxTable): OutboxQueue => ({
  storeId,
  prune: async (before) => t.prune(before),
  anyDue: async (now) => t.anyDue(now),
  claim: async (owner, now, until, limit) => t.claim(owner, now, until, limit),
  delivered: async (id, at) => t.delivered(id, at),
  failed: async (id, owner, error, next) => t.failed(id, owner, error, next),
});
