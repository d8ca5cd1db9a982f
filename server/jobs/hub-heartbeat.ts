import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Ctx } from '../commands/context.js';

import { HEARTBEAT_MS } from '../domain/hub-runs.js';

export { HEARTBEAT_MS };

/**
 * Records this run of the hub (a row at start-up, its last-alive time moved forward every `everyMs`) so the wall
 * can draw a "data gap" band over the hours no hub was collecting: a quiet wall is never mistaken for a quiet city.
 * Each tick also marks the displays connected right now as seen.
 */
export function startHubHeartbeat(ctx: Ctx, opts: { runId?: string; everyMs?: number; log: Logger; connectedDisplays: () => string[] }): { runId: string; started: Promise<void>; beat: () => Promise<void>; stop: () => Promise<void> } {
  const runId = opts.runId ?? randomUUID();
  const failed = (err: unknown) => opts.log.error({ err }, 'hub heartbeat failed');
  const started = ctx.store.write((p) => p.runs.startRun(runId, ctx.now().toISOString())).catch(failed);
  const beat = (): Promise<void> => {
    const at = ctx.now().toISOString();
    const ids = opts.connectedDisplays();
    return ctx.store
      .write(function* (p) {
        yield* p.runs.aliveRun(runId, at);
        yield* p.runs.seenDisplays(ids, at);
      })
      .catch(failed);
  };
  const timer = setInterval(() => void beat(), opts.everyMs ?? HEARTBEAT_MS);
  timer.unref();
  return {
    runId,
    started,
    beat,
    // A clean stop writes the last heartbeat, so a planned restart shows only the seconds it really took.
    stop: () => {
      clearInterval(timer);
      return beat();
    },
  };
}
