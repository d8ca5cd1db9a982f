import { leaseExpired, type Lease } from './leases.js';

/**
 * Several hubs share the city's cameras out among themselves: each live hub holds a share lease (renewed every
 * SHARE_RENEW_MS, running SHARE_TERM_MS), and every hub computes the same owner for each camera from the same list of
 * holders (rendezvous hashing: the hub with the highest score for that camera). A hub that dies stops renewing; once
 * its term has run, the others' lists lose it and each takes the cameras that now score highest for it, which moves
 * only the dead hub's cameras. The term is shorter than a probe interval (5 s in the profiles), so a dead hub's
 * cameras are probed again within about one interval. The term assumes the hubs' clocks agree within a second or
 * so (NTP): a hub whose clock runs ahead counts the others dead early and probes some cameras twice; one behind
 * takes a dead hub's cameras late. Neither leaves a camera unprobed for long.
 */
export const SHARE_TERM_MS = 4_000;
export const SHARE_RENEW_MS = 1_000;
/** The leases named this way are camera shares, one per hub run. */
export const SHARE_LEASE_PREFIX = 'camera-share:';
/** A share lease that ran out this long ago is a hub run that is gone: its row is deleted. */
export const SHARE_FORGET_MS = 60 * 60_000;

export const shareLeaseName = (owner: string) => `${SHARE_LEASE_PREFIX}${owner}`;

/** The hubs sharing the cameras at `now`: the holders of unexpired share leases, and `me` whatever the store says. */
export function shareHolders(leases: readonly Lease[], me: string, now: Date): string[] {
  const live = leases.filter((l) => l.name.startsWith(SHARE_LEASE_PREFIX) && !leaseExpired(l.until, now)).map((l) => l.owner);
  return [...new Set([me, ...live])].sort();
}

/** 32-bit FNV-1a, then a final mix (murmur3's): the same on every hub, spread evenly over the cameras. */
function score(hub: string, camera: string): number {
  let h = 0x811c9dc5;
  const s = `${hub}\u0000${camera}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The hub that probes a camera: the holder with the highest score for it (ties to the first by name). */
export function shareOwner(cameraId: string, holders: readonly string[]): string | null {
  let best: string | null = null;
  let bestScore = -1;
  for (const hub of holders) {
    const s = score(hub, cameraId);
    if (s > bestScore) [best, bestScore] = [hub, s];
  }
  return best;
}
