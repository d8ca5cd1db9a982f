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
export function startHubHeartbeat(ctx: Ctx, opts: { runId?: string; everyMs?: number; log: Logger; connectedDisplays: () => string[] }): { runId: string; beat: () => void; stop: () => void } {
  const runId = opts.runId ?? randomUUID();
  ctx.store.hubRuns.start(runId, ctx.now().toISOString());
  const beat = () => {
    try {
      const at = ctx.now().toISOString();
      ctx.store.tx(() => {
        ctx.store.hubRuns.alive(runId, at);
        for (const id of opts.connectedDisplays()) ctx.store.layouts.seen(id, at);
      });
    } catch (err) {
      opts.log.error({ err }, 'hub heartbeat failed');
    }
  };
  const timer = setInterval(beat, opts.everyMs ?? HEARTBEAT_MS);
  timer.unref();
  return {
    runId,
    beat,
    // A clean stop writes the last heartbeat, so a planned restart shows only the seconds it really took.
    stop: () => {
      clearInterval(timer);
      beat();
    },
  };
}
