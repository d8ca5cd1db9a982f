import { createMemo, createSignal, type Accessor } from 'solid-js';
import { emptySpotlight, spotlightArrive, spotlightDueAt, spotlightTick, SPOTLIGHT_POLICY, type SpotlightPolicy, type SpotlightState } from '../../lib/spotlight-policy';

/** The spotlight policy (wall/lib/spotlight-policy.ts) on the wall's clock: one timer at the next due time. */
export function createSpotlight<T>(p: SpotlightPolicy = SPOTLIGHT_POLICY, now: () => number = Date.now) {
  const [state, setState] = createSignal<SpotlightState<T>>(emptySpotlight<T>());
  let timer: ReturnType<typeof setTimeout> | undefined;

  function apply(next: SpotlightState<T>) {
    setState(() => next);
    clearTimeout(timer);
    const due = spotlightDueAt(next, p);
    if (due !== null) timer = setTimeout(() => apply(spotlightTick(state(), Math.max(now(), due), p)), Math.max(0, due - now()));
  }

  // One array per batch, so the panel re-enters (its animation) when the batch changes, not on every arrival.
  const shown = createMemo<T[], T[] | undefined>((prev) => {
    const s = state().shown;
    return prev && prev.length === s.length && prev.every((x, i) => x === s[s.length - 1 - i]) ? prev : [...s].reverse();
  });
  return {
    /** On screen, newest first (empty: the latest-reports list). */
    shown: shown as Accessor<T[]>,
    waiting: (() => state().pending.length + state().folded) as Accessor<number>,
    folded: (() => state().shownFolded) as Accessor<number>,
    push(item: T) {
      apply(spotlightArrive(state(), item, now(), p));
    },
    dispose() {
      clearTimeout(timer);
      setState(() => emptySpotlight<T>());
    },
  };
}
