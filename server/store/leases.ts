import type { Db } from './db.js';
import type { Lease } from '../domain/leases.js';

/**
 * Who holds each lease (migration 024). The rule of when one may be taken is domain/leases.ts; this table only
 * reads a lease and swaps it if it is still what was read, so of two hubs that read the same expired lease one wins.
 */
export class LeasesTable {
  private readonly getStmt;
  private readonly insertStmt;
  private readonly swapStmt;
  private readonly releaseStmt;
  private readonly prefixStmt;
  private readonly forgetStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT name, owner, until FROM leases WHERE name = ?');
    this.insertStmt = db.prepare('INSERT INTO leases (name, owner, until) VALUES (@name, @owner, @until) ON CONFLICT (name) DO NOTHING');
    this.swapStmt = db.prepare('UPDATE leases SET owner = @owner, until = @until WHERE name = @name AND owner = @wasOwner AND until = @wasUntil');
    this.releaseStmt = db.prepare('UPDATE leases SET until = @at WHERE name = @name AND owner = @owner AND until > @at');
    // A range on the primary key, not LIKE: the prefix is matched by the index, and '_' in it is not a wildcard.
    this.prefixStmt = db.prepare("SELECT name, owner, until FROM leases WHERE name >= @prefix AND name < @prefix || char(0x10FFFF) ORDER BY name");
    this.forgetStmt = db.prepare("DELETE FROM leases WHERE name >= @prefix AND name < @prefix || char(0x10FFFF) AND until < @before");
  }

  /** Every lease whose name starts with `prefix` (the camera shares: one per hub run). */
  withPrefix(prefix: string): Lease[] {
    return this.prefixStmt.all({ prefix }) as Lease[];
  }

  /** Deletes the leases of `prefix` that ran out before `before`: hub runs long gone. */
  forget(prefix: string, before: string): number {
    return this.forgetStmt.run({ prefix, before }).changes;
  }

  get(name: string): Lease | null {
    return (this.getStmt.get(name) as Lease | undefined) ?? null;
  }

  /** Compare-and-set: writes `next` only if the lease is still `seen` (null: there was none). True when it did. */
  swap(seen: Lease | null, next: Lease): boolean {
    if (!seen) return this.insertStmt.run(next).changes === 1;
    return this.swapStmt.run({ ...next, wasOwner: seen.owner, wasUntil: seen.until }).changes === 1;
  }

  /** Ends `owner`'s lease at `at` (a clean stop), so another hub takes the job at once. */
  release(name: string, owner: string, at: string): void {
    this.releaseStmt.run({ name, owner, at });
  }
}
