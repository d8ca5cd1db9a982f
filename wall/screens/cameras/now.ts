import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** A clock for "12 mnt lalu": one timer per screen, ticking coarsely (relative times need no seconds). */
export function createNow(everyMs = 15_000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), everyMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
