/**
 * Which new reports the wall's big panel shows, as a pure function of what arrived and the time.
 *
 * The room's first promise (seed 003) is that every report reaches the big screen with its photo. A report
 * every ~4 s is faster than one can be read alone, so the policy never picks "the newest" and lets the rest
 * sink (that skipped reports for minutes): it takes every waiting report in arrival order, up to `maxTiles` at
 * once, and shows them together as a strip. A batch stays `minMs` when more wait, `showMs` when none do.
 * Only a burst beyond `maxPending` waiting (far past any city's intake; it bounds a wall's memory for weeks)
 * folds the oldest into a count the next batch states on screen ("+N more, on the map"): never a silent drop.
 */
export type SpotlightPolicy = {
  /** How long a batch stays when nothing else waits; then the panel goes back to the latest-reports list. */
  showMs: number;
  /** How long a batch stays at least when others wait: long enough to read a strip from 5 m. */
  minMs: number;
  /** How many reports one screen shows together. */
  maxTiles: number;
  /** How many may wait; beyond this the oldest are counted, not kept. */
  maxPending: number;
};

export const SPOTLIGHT_POLICY: SpotlightPolicy = { showMs: 20_000, minMs: 8_000, maxTiles: 4, maxPending: 40 };

export type SpotlightState<T> = {
  /** On screen now, in arrival order (empty: the panel shows the latest-reports list). */
  shown: readonly T[];
  shownAt: number;
  /** Arrived, not yet on screen, oldest first. */
  pending: readonly T[];
  /** Folded out of `pending` in a burst, announced with the next batch. */
  folded: number;
  /** Folded reports the batch on screen announces. */
  shownFolded: number;
};

export function emptySpotlight<T>(): SpotlightState<T> {
  return { shown: [], shownAt: 0, pending: [], folded: 0, shownFolded: 0 };
}

/** When the screen changes next without a new arrival (null: nothing on screen, nothing due). */
export function spotlightDueAt<T>(s: SpotlightState<T>, p: SpotlightPolicy): number | null {
  if (s.shown.length === 0) return s.pending.length ? s.shownAt : null;
  return s.shownAt + (s.pending.length || s.folded ? p.minMs : p.showMs);
}

function showNext<T>(s: SpotlightState<T>, now: number, p: SpotlightPolicy): SpotlightState<T> {
  const batch = s.pending.slice(0, p.maxTiles);
  return {
    shown: batch,
    shownAt: now,
    pending: s.pending.slice(batch.length),
    folded: 0,
    shownFolded: batch.length ? s.folded : 0,
  };
}

/** A new report arrived: on screen at once when the panel is free, else it waits its turn (in order). */
export function spotlightArrive<T>(s: SpotlightState<T>, item: T, now: number, p: SpotlightPolicy): SpotlightState<T> {
  let pending = [...s.pending, item];
  let folded = s.folded;
  if (pending.length > p.maxPending) {
    folded += pending.length - p.maxPending;
    pending = pending.slice(pending.length - p.maxPending);
  }
  const next = { ...s, pending, folded };
  return s.shown.length === 0 ? showNext(next, now, p) : spotlightTick(next, now, p);
}

/** The clock moved: the next batch when the current one has had its time, or back to the list. */
export function spotlightTick<T>(s: SpotlightState<T>, now: number, p: SpotlightPolicy): SpotlightState<T> {
  const due = spotlightDueAt(s, p);
  if (due === null || now < due) return s;
  return showNext(s, now, p);
}
