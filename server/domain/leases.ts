/**
 * A lease: a job (the deadline sweep) or a message being sent that one hub at a time may do, held by a hub run
 * until a moment. A holder that dies simply stops renewing, and the job is anyone's once the moment has passed.
 * Hubs compare their own clocks with `until`: the term is kept several times the renewal interval, so a clock a few
 * seconds off changes only how soon a dead hub's job is taken over.
 */
export type Lease = { name: string; owner: string; until: string };

/** A lease has run out at its `until` (inclusive: a lease until now is over, as a released one is). */
export function leaseExpired(until: string, now: Date): boolean {
  return Date.parse(until) <= now.getTime();
}

/** Whether `owner` holds the lease at `now`. */
export function holdsLease(lease: Lease | null, owner: string, now: Date): boolean {
  return lease !== null && lease.owner === owner && !leaseExpired(lease.until, now);
}

/** Whether `owner` may take (or renew) the lease: nobody has it, it is owner's own, or its holder let it run out. */
export function mayTakeLease(lease: Lease | null, owner: string, now: Date): boolean {
  return lease === null || lease.owner === owner || leaseExpired(lease.until, now);
}

/** Where a lease taken or renewed at `now` for `termMs` runs to. */
export function leaseUntil(now: Date, termMs: number): string {
  return new Date(now.getTime() + termMs).toISOString();
}
