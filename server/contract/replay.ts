// No zod and no Node here: the hub builds a Replay and the wall's replay screen plays it.
import type { ReportEventType } from './events.js';
import type { MarkerTuple } from './reports.js';

/** One change to the map during a replay: when, what happened, and the report's marker after it. */
export type ReplayStep = [at: string, type: ReportEventType, marker: MarkerTuple];

/**
 * GET /api/replay: the city as it stood at `from` (every report's marker, folded from the log) and every
 * change to a marker in [from, to), in log order. The replay screen plays the steps against its own clock.
 */
export type Replay = { from: string; to: string; markers: MarkerTuple[]; steps: ReplayStep[] };

/** Speeds a replay plays at: a minute, ten minutes or an hour of the city's day per second. */
export const REPLAY_SPEEDS = [60, 600, 3600] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** How many of the steps (times in ms, ascending) have happened by `t`: the first `n` are applied at that moment. */
export function stepsUpTo(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type ReplayClock = { from: number; to: number; at: number; speed: number; playing: boolean };

/** The replay moment after `elapsedMs` of real time: it moves at `speed` while playing and stops at the end. */
export function advanceClock(c: ReplayClock, elapsedMs: number): ReplayClock {
  if (!c.playing) return c;
  const at = Math.min(c.to, c.at + Math.max(0, elapsedMs) * c.speed);
  return { ...c, at, playing: at < c.to };
}

/** Jumping to a moment (the scrubber, "jump to 14:00"): kept inside the replay's range. */
export function seekClock(c: ReplayClock, at: number): ReplayClock {
  return { ...c, at: Math.min(c.to, Math.max(c.from, at)) };
}
