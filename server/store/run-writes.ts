import type { HubRun } from '../domain/gaps.js';
import type { Hits } from './rate-limit-hits.js';
import { now, type Step } from './step.js';
import type { Store } from './index.js';

/**
 * What the hub records of its own runs and of the screens it holds (not events: presence, not the city's record), on
 * either store (server/store/step.ts): SQLite's below, PostgreSQL's in pg/run-writes.ts.
 */
export interface RunWrites {
  startRun(id: string, at: string): Step<void>;
  /** This run's heartbeat. */
  aliveRun(id: string, at: string): Step<void>;
  /** The runs that touch [from, to), and the last one before it (where a gap began), by start. */
  runsOverlapping(from: string, to: string): Step<HubRun[]>;
  /** These displays were connected at `at`. */
  seenDisplays(ids: readonly string[], at: string): Step<void>;
  /** This run's displays are now `ids`; the rows of runs dead before `aliveSince` go. */
  replaceDisplayConnections(runId: string, ids: readonly string[], aliveSince: string): Step<void>;
  /** The displays connected to another run alive since `aliveSince` (this run's own it knows from its sockets). */
  displaysOnOtherRuns(runId: string, aliveSince: string): Step<string[]>;
  /** A flood-limit hit on `key` (store/rate-limit-hits.ts): its window's count, a new window once the old one ended. */
  hitLimit(key: string, now: Date, windowMs: number): Step<Hits>;
  /** The hits of `key`'s window, while it lasts. */
  limitHits(key: string, now: Date): Step<Hits | undefined>;
  /** Takes back one hit (a request the limiter decided afterwards not to count). */
  unhitLimit(key: string, now: Date): Step<void>;
  resetLimit(key: string): Step<void>;
  /** Deletes the flood-limit windows that have ended; how many. */
  sweepLimits(now: Date): Step<number>;
}

/** SQLite's: every call answered at once. */
export function sqliteRunWrites(store: Store): RunWrites {
  return {
    startRun: (id, at) => now(store.hubRuns.start(id, at)),
    aliveRun: (id, at) => now(store.hubRuns.alive(id, at)),
    runsOverlapping: (from, to) => now(store.hubRuns.overlapping(from, to)),
    seenDisplays: (ids, at) => now(ids.forEach((id) => store.layouts.seen(id, at))),
    replaceDisplayConnections: (runId, ids, aliveSince) => now(store.displayConnections.replace(runId, ids, aliveSince)),
    displaysOnOtherRuns: (runId, aliveSince) => now(store.displayConnections.onOtherLiveRuns(runId, aliveSince)),
    hitLimit: (key, at, windowMs) => now(store.rateLimitHits.hit(key, at, windowMs)),
    limitHits: (key, at) => now(store.rateLimitHits.get(key, at)),
    unhitLimit: (key, at) => now(store.rateLimitHits.unhit(key, at)),
    resetLimit: (key) => now(store.rateLimitHits.reset(key)),
    sweepLimits: (at) => now(store.rateLimitHits.sweep(at)),
  };
}
