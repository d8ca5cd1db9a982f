import { onCleanup } from 'solid-js';

/** How often a staff screen asks again for what is not pushed live (reminders, escalations, camera lists). */
export const STAFF_POLL_MS = 30_000;

/** Calls `fn` now and every `ms`; stops with the owner. */
export function poll(fn: () => void, ms = STAFF_POLL_MS) {
  fn();
  const timer = setInterval(fn, ms);
  onCleanup(() => clearInterval(timer));
}
