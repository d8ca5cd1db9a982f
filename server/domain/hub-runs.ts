/** How often a hub writes that it is alive (hub_runs); a gap starts at most about this long after the hub died. */
export const HEARTBEAT_MS = 30_000;

/** A run whose last heartbeat is older than this is taken for dead: two beats missed. */
export const RUN_SLACK_MS = 2 * HEARTBEAT_MS;

/** The oldest last-alive time of a run still taken for alive at `now`. */
export const aliveSince = (now: Date): string => new Date(now.getTime() - RUN_SLACK_MS).toISOString();
