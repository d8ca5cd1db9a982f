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
  const write = (ids: readonly string[]): Promise<void> =>
    ctx.store.write((p) => p.runs.replaceDisplayConnections(opts.runId, ids, aliveSince(ctx.now()))).catch((err: unknown) => {
      opts.log.warn({ err }, 'could not record which displays are connected');
    });
  const flush = (): Promise<void> => {
    if (pending) clearTimeout(pending);
    pending = null;
    return write(opts.local());
  };
  const timer = setInterval(() => void flush(), opts.everyMs ?? HEARTBEAT_MS);
  timer.unref();
  return {
    /** A display connected or left this hub. */
    changed: () => {
      // The sockets a stopping hub closes are not news: stop() has already said it holds none.
      if (!stopped) pending ??= setTimeout(() => void flush(), SETTLE_MS);
    },
    flush,
    connected: async (): Promise<Set<string>> => new Set([...opts.local(), ...(await ctx.store.query((p) => p.runs.displaysOnOtherRuns(opts.runId, aliveSince(ctx.now()))))]),
    /** A hub that stops holds no screen any more. */
    stop: () => {
      stopped = true;
      clearInterval(timer);
      if (pending) clearTimeout(pending);
      pending = null;
      return write([]);
    },
  };
}
