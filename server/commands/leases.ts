import type { ReportWrites } from '../store/report-writes.js';
import type { Step } from '../store/step.js';
import { leaseUntil, mayTakeLease } from '../domain/leases.js';

/** A lease a job asks for: which, for which hub run, and for how long from now. */
export type LeaseTerm = { name: string; owner: string; termMs: number };

/**
 * Takes or renews a lease: the domain decides on the row as read, the store swaps it only if nobody changed it since.
 * Run it inside the transaction of the work the lease guards, so a hub whose lease ran out while it was stalled
 * cannot commit that work. On either store (server/store/step.ts).
 */
export function* takeLeaseStep(w: Pick<ReportWrites, 'lease' | 'swapLease'>, term: LeaseTerm, now: Date): Step<boolean> {
  const seen = yield* w.lease(term.name);
  if (!mayTakeLease(seen, term.owner, now)) return false;
  return yield* w.swapLease(seen, { name: term.name, owner: term.owner, until: leaseUntil(now, term.termMs) });
}
