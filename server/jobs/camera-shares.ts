import type { Logger } from 'pino';
import type { Ctx } from '../commands/context.js';
import { leaseUntil, type Lease } from '../domain/leases.js';
import { SHARE_FORGET_MS, SHARE_LEASE_PREFIX, SHARE_RENEW_MS, SHARE_TERM_MS, shareHolders, shareLeaseName, shareOwner } from '../domain/camera-shares.js';
import type { ReportWrites } from '../store/report-writes.js';
import type { Step } from '../store/step.js';

export type CameraShare = {
  /** The cameras of `cameras` this hub probes now; renews its share lease and reads the others' when due. */
  mine<T extends { id: string }>(cameras: T[]): Promise<T[]>;
  /**
   * Whether this hub still probes `cameraId`, asked when its probe is about to start: a round queued before the
   * holders changed (hubs started together each see only themselves at first) is not probed by every hub.
   */
  owns(cameraId: string): Promise<boolean>;
  /** The hubs sharing the cameras as last read. */
  holders(): string[];
  /** Renews the lease and reads the others' now, due or not. */
  renew(): Promise<void>;
  /** A clean stop: the lease ends now, so the other hubs take this one's cameras at their next round. */
  release(): Promise<void>;
  /** Stops renewing and leaves the lease to run out, as a hub that died would (the bench of shared cameras). */
  abandon(): Promise<void>;
};

/**
 * Renews this run's share lease and reads every hub's, on either store (server/store/step.ts); with `forgetBefore`,
 * the rows of runs whose lease ran out before it go.
 */
export function* renewShareStep(w: ReportWrites, owner: string, now: Date, forgetBefore: string | null): Step<Lease[]> {
  const name = shareLeaseName(owner);
  yield* w.swapLease(yield* w.lease(name), { name, owner, until: leaseUntil(now, SHARE_TERM_MS) });
  if (forgetBefore) yield* w.forgetLeases(SHARE_LEASE_PREFIX, forgetBefore);
  return yield* w.leasesNamed(SHARE_LEASE_PREFIX);
}

/** This hub run's share of the cameras (domain/camera-shares.ts), kept in the store's leases table. */
export function cameraShare(ctx: Ctx, owner: string, log: Logger): CameraShare {
  let holders = [owner];
  let renewedAt = Number.NEGATIVE_INFINITY;
  let forgotAt = Number.NEGATIVE_INFINITY;
  // One renewal at a time: a round and a probe asking together share it.
  let renewing: Promise<void> | null = null;
  // Once released or abandoned, nothing renews the lease again (a round under way would take it back).
  let ended = false;
  const renewNow = async () => {
    if (ended) return;
    const now = ctx.now();
    // Gone runs' rows are few (one per hub start): a sweep a minute is plenty.
    const forget = now.getTime() - forgotAt >= 60_000 ? new Date(now.getTime() - SHARE_FORGET_MS).toISOString() : null;
    try {
      const leases = await ctx.store.write((p) => renewShareStep(p.reports, owner, now, forget));
      holders = shareHolders(leases, owner, now);
      renewedAt = now.getTime();
      if (forget) forgotAt = now.getTime();
    } catch (err) {
      // The last list read stands: a hub that cannot reach the store goes on probing its share.
      log.error({ err }, 'camera share lease could not be renewed');
    }
  };
  const renew = () => (renewing ??= renewNow().finally(() => (renewing = null)));
  // Alone, every camera is this hub's (the hash is skipped for the whole list in mine()).
  const isMine = (cameraId: string) => holders.length === 1 || shareOwner(cameraId, holders) === owner;
  const refresh = () => (ctx.now().getTime() - renewedAt >= SHARE_RENEW_MS ? renew() : renewing ?? Promise.resolve());
  return {
    renew,
    async mine(cameras) {
      await refresh();
      return holders.length === 1 ? cameras : cameras.filter((c) => isMine(c.id));
    },
    async owns(cameraId) {
      await refresh();
      return isMine(cameraId);
    },
    holders: () => holders,
    async abandon() {
      ended = true;
      await renewing;
    },
    async release() {
      ended = true;
      await renewing;
      const at = ctx.now().toISOString();
      await ctx.store.write((p) => p.reports.releaseLease(shareLeaseName(owner), owner, at)).catch((err) => log.error({ err }, 'camera share lease could not be released'));
    },
  };
}
