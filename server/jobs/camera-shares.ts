import type { Logger } from 'pino';
import type { Ctx } from '../commands/context.js';
import { leaseUntil } from '../domain/leases.js';
import { SHARE_FORGET_MS, SHARE_LEASE_PREFIX, SHARE_RENEW_MS, SHARE_TERM_MS, shareHolders, shareLeaseName, shareOwner } from '../domain/camera-shares.js';

export type CameraShare = {
  /** The cameras of `cameras` this hub probes now; renews its share lease and reads the others' when due. */
  mine<T extends { id: string }>(cameras: T[]): T[];
  /**
   * Whether this hub still probes `cameraId`, asked when its probe is about to start: a round queued before the
   * holders changed (hubs started together each see only themselves at first) is not probed by every hub.
   */
  owns(cameraId: string): boolean;
  /** The hubs sharing the cameras as last read. */
  holders(): string[];
  /** Renews the lease and reads the others' now, due or not. */
  renew(): void;
  /** A clean stop: the lease ends now, so the other hubs take this one's cameras at their next round. */
  release(): void;
};

/** This hub run's share of the cameras (domain/camera-shares.ts), kept in the store's leases table. */
export function cameraShare(ctx: Ctx, owner: string, log: Logger): CameraShare {
  const name = shareLeaseName(owner);
  let holders = [owner];
  let renewedAt = Number.NEGATIVE_INFINITY;
  let forgotAt = Number.NEGATIVE_INFINITY;
  const renew = () => {
    const now = ctx.now();
    try {
      const leases = ctx.store.leases;
      leases.swap(leases.get(name), { name, owner, until: leaseUntil(now, SHARE_TERM_MS) });
      holders = shareHolders(leases.withPrefix(SHARE_LEASE_PREFIX), owner, now);
      renewedAt = now.getTime();
      // Gone runs' rows are few (one per hub start): a sweep a minute is plenty.
      if (now.getTime() - forgotAt >= 60_000) {
        leases.forget(SHARE_LEASE_PREFIX, new Date(now.getTime() - SHARE_FORGET_MS).toISOString());
        forgotAt = now.getTime();
      }
    } catch (err) {
      // The last list read stands: a hub that cannot reach the store goes on probing its share.
      log.error({ err }, 'camera share lease could not be renewed');
    }
  };
  // Alone, every camera is this hub's (the hash is skipped for the whole list in mine()).
  const isMine = (cameraId: string) => holders.length === 1 || shareOwner(cameraId, holders) === owner;
  const refresh = () => {
    if (ctx.now().getTime() - renewedAt >= SHARE_RENEW_MS) renew();
  };
  return {
    renew,
    mine(cameras) {
      refresh();
      return holders.length === 1 ? cameras : cameras.filter((c) => isMine(c.id));
    },
    owns(cameraId) {
      refresh();
      return isMine(cameraId);
    },
    holders: () => holders,
    release() {
      try {
        ctx.store.leases.release(name, owner, ctx.now().toISOString());
      } catch (err) {
        log.error({ err }, 'camera share lease could not be released');
      }
    },
  };
}
