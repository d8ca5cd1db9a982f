import type { Db } from './db.js';

export type Hits = { totalHits: number; resetTime: Date };

/**
 * Flood-limit counters (migration 025): a fixed window per key that starts with its first hit, as express-rate-limit's
 * memory store keeps them, but in the store every hub shares. A hit is one upsert that starts a new window when the
 * old one has ended. Counters are a brake, not a record: they never enter the log.
 */
export class RateLimitHits {
  private readonly hitStmt;
  private readonly getStmt;
  private readonly unhitStmt;
  private readonly resetStmt;
  private readonly sweepStmt;
  constructor(db: Db) {
    this.hitStmt = db.prepare(
      `INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES (@key, 1, @resetAt)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limit_hits.reset_at <= @now THEN 1 ELSE rate_limit_hits.hits + 1 END,
         reset_at = CASE WHEN rate_limit_hits.reset_at <= @now THEN excluded.reset_at ELSE rate_limit_hits.reset_at END
       RETURNING hits, reset_at AS resetAt`,
    );
    this.getStmt = db.prepare('SELECT hits, reset_at AS resetAt FROM rate_limit_hits WHERE key = @key AND reset_at > @now');
    this.unhitStmt = db.prepare('UPDATE rate_limit_hits SET hits = MAX(hits - 1, 0) WHERE key = @key AND reset_at > @now');
    this.resetStmt = db.prepare('DELETE FROM rate_limit_hits WHERE key = ?');
    this.sweepStmt = db.prepare('DELETE FROM rate_limit_hits WHERE reset_at <= ?');
  }

  hit(key: string, now: Date, windowMs: number): Hits {
    const r = this.hitStmt.get({ key, now: now.toISOString(), resetAt: new Date(now.getTime() + windowMs).toISOString() }) as { hits: number; resetAt: string };
    return { totalHits: r.hits, resetTime: new Date(r.resetAt) };
  }

  get(key: string, now: Date): Hits | undefined {
    const r = this.getStmt.get({ key, now: now.toISOString() }) as { hits: number; resetAt: string } | undefined;
    return r && { totalHits: r.hits, resetTime: new Date(r.resetAt) };
  }

  /** Takes back one hit (a request the limiter decided afterwards not to count). */
  unhit(key: string, now: Date): void {
    this.unhitStmt.run({ key, now: now.toISOString() });
  }

  reset(key: string): void {
    this.resetStmt.run(key);
  }

  /** Deletes the windows that have ended; returns how many. */
  sweep(now: Date): number {
    return this.sweepStmt.run(now.toISOString()).changes;
  }
}
