import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import type { Counts, Live } from '../../lib/live';
import { countInWindow, type TimeWindow } from '../../lib/time-window';

/** Recounted at most this often while events stream in (a walk over 100,000 markers takes a few ms). */
const RECOUNT_MS = 500;
/** And this often while nothing happens, as reports age out of the window. */
const AGE_OUT_MS = 30_000;

/**
 * The header's counts for what the map shows: the live store's own counts with no window, else a
 * recount over the markers inside the window (the same inWindow rule the map layer uses).
 */
export function createWindowedCounts(live: Live, window: Accessor<TimeWindow | null>, now: () => number = Date.now) {
  const [windowed, setWindowed] = createSignal<{ counts: Counts; breached: number } | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  function recount() {
    timer = undefined;
    const w = window();
    setWindowed(w ? countInWindow(live.markers.values(), w, now()) : null);
  }
  const soon = () => {
    if (timer === undefined && window()) timer = setTimeout(recount, RECOUNT_MS);
  };
  const off = live.onChange(soon);
  createEffect(on(window, () => {
    clearTimeout(timer);
    recount();
  }));
  const ageOut = setInterval(soon, AGE_OUT_MS);
  onCleanup(() => {
    off();
    clearTimeout(timer);
    clearInterval(ageOut);
  });

  return {
    counts: (): Counts => windowed()?.counts ?? live.counts(),
    breached: (): number => windowed()?.breached ?? live.breached(),
  };
}
