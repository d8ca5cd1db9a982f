import { request } from './api';

/**
 * A wall runs one page load for weeks; when a new front end is released it must reload itself, but at a quiet
 * moment (no alert on screen, not about to switch views), and after `maxWaitMs` at the latest.
 */
export type ReleaseState = { loaded: string | null; seen: string | null; seenAt: number | null };

/** A build id from the hub: the first one is what this page runs; a different one later is a new release. */
export function noteBuild(s: ReleaseState, build: string | null, now: number): ReleaseState {
  if (!build) return s;
  if (s.loaded === null) return { loaded: build, seen: build, seenAt: null };
  if (build === s.loaded) return { ...s, seen: build, seenAt: null };
  if (build === s.seen && s.seenAt !== null) return s;
  return { ...s, seen: build, seenAt: now };
}

export function shouldReload(s: ReleaseState, now: number, quiet: boolean, maxWaitMs: number): boolean {
  if (s.seenAt === null || s.seen === s.loaded) return false;
  return quiet || now - s.seenAt >= maxWaitMs;
}

export const RELEASE_POLL_MS = 60_000;
export const RELEASE_MAX_WAIT_MS = 10 * 60_000;

/**
 * Asks /api/health for the build id every `pollMs` (and whenever `poke` is called, e.g. after a reconnect) and
 * reloads the page at the first quiet moment once it changed. Returns a stop function and `poke`.
 */
export function watchRelease(opts: { quiet: () => boolean; pollMs?: number; maxWaitMs?: number; reload?: () => void }) {
  let state: ReleaseState = { loaded: null, seen: null, seenAt: null };
  const reload = opts.reload ?? (() => location.reload());
  const check = async () => {
    try {
      // no-store: a cached answer would hide the new build the poll is there to see.
      const h = await request<{ build?: string | null }>('/api/health', { cache: 'no-store' });
      state = noteBuild(state, h.build ?? null, Date.now());
    } catch {
      /* the hub is away: the connection banner says so; try again next time */
    }
    decide();
  };
  const decide = () => {
    if (shouldReload(state, Date.now(), opts.quiet(), opts.maxWaitMs ?? RELEASE_MAX_WAIT_MS)) reload();
  };
  void check();
  const poll = setInterval(check, opts.pollMs ?? RELEASE_POLL_MS);
  // Once a release is waiting, look for a quiet moment every few seconds rather than once a poll.
  const look = setInterval(() => state.seenAt !== null && decide(), 2_000);
  return {
    poke: () => void check(),
    stop: () => {
      clearInterval(poll);
      clearInterval(look);
    },
    /** Test hook: the build this page runs and the newer one waiting, if any. */
    state: () => state,
  };
}
