import { createSignal, type Accessor } from 'solid-js';

export type SpotlightOptions = {
  /** How long a report stays when nothing else is waiting. */
  showMs: number;
  /** How long a report stays at least, when newer ones are waiting. */
  minMs: number;
  /** How many may wait; beyond this the oldest waiting one is dropped. */
  maxWaiting: number;
  /** A waiting report older than this is no longer news and is skipped. */
  staleMs: number;
};

/**
 * A one-at-a-time queue for the wall's passing notices and "selesai" moments, where the newest matters and an
 * old one may go unseen (new reports never may: they use wall/lib/spotlight-policy.ts). The newest waiting item
 * goes next; each stays `showMs` when it is alone, or `minMs` when others wait, so a burst cycles without flicker.
 */
export function createSpotlightQueue<T>(opts: SpotlightOptions, now: () => number = Date.now) {
  const [current, setCurrent] = createSignal<T | null>(null);
  const [waitingCount, setWaitingCount] = createSignal(0);
  let waiting: { item: T; at: number }[] = [];
  let shownAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function arm(ms: number) {
    clearTimeout(timer);
    timer = setTimeout(next, Math.max(0, ms));
  }

  function next() {
    const fresh = now() - opts.staleMs;
    waiting = waiting.filter((w) => w.at >= fresh);
    const w = waiting.pop(); // the newest
    setWaitingCount(waiting.length);
    if (!w) {
      setCurrent(null);
      return;
    }
    setCurrent(() => w.item);
    shownAt = now();
    arm(waiting.length ? opts.minMs : opts.showMs);
  }

  return {
    current: current as Accessor<T | null>,
    waiting: waitingCount as Accessor<number>,
    push(item: T) {
      waiting.push({ item, at: now() });
      if (waiting.length > opts.maxWaiting) waiting.splice(0, waiting.length - opts.maxWaiting);
      setWaitingCount(waiting.length);
      if (current() === null) next();
      else arm(shownAt + opts.minMs - now());
    },
    dispose() {
      clearTimeout(timer);
      waiting = [];
    },
  };
}
