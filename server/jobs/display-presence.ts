import type { Logger } from 'pino';
import type { Ctx } from '../commands/context.js';
import { aliveSince, HEARTBEAT_MS } from '../domain/hub-runs.js';

/** Screens that reconnect together (a room's walls after a hub restart) are written once, this long after the first. */
const SETTLE_MS = 100;

/**
 * Which paired displays are connected, to this hub or any other on the store. This hub's own come from its sockets
 * (`local`); each change is written to the store under this run, and again every heartbeat, so the console on
 * another hub sees them. A run that died without clearing its rows stops counting once it is no longer alive
 * (domain/hub-runs.ts): its screens have reconnected elsewhere by then and are counted there.
 */
export function startDisplayPresence(ctx: Ctx, opts: { runId: string; local: () => string[]; log: Logger; everyMs?: number }) {
  let pending: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const write = (ids: readonly string[]) => {
    try {
      ctx.store.displayConnections.replace(opts.runId, ids, aliveSince(ctx.now()));
    } catch (err) {
      opts.log.warn({ err }, 'could not record which displays are connected');
    }
  };
  const flush = () => {
    if (pending) clearTimeout(pending);
    pending = null;
    write(opts.local());
  };
  const timer = setInterval(flush, opts.everyMs ?? HEARTBEAT_MS);
  timer.unref();
  return {
    /** A display connected or left this hub. */
    changed: () => {
      // The sockets a stopping hub closes are not news: stop() has already said it holds none.
      if (!stopped) pending ??= setTimeout(flush, SETTLE_MS);
    },
    flush,
    connected: (): Set<string> => new Set([...opts.local(), ...ctx.store.displayConnections.onLiveRuns(aliveSince(ctx.now()))]),
    /** A hub that stops holds no screen any more. */
    stop: () => {
      stopped = true;
      clearInterval(timer);
      if (pending) clearTimeout(pending);
      pending = null;
      write([]);
    },
  };
}
