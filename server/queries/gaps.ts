import type { Ctx } from '../commands/context.js';
import { dataGaps } from '../domain/gaps.js';
import { HEARTBEAT_MS, RUN_SLACK_MS } from '../domain/hub-runs.js';

/** The periods in [from, to) when no hub was collecting, from the hubs' heartbeats: the "data gap" bands. */
export async function hubGaps(ctx: Ctx, from: string, to: string, at: Date) {
  const now = at.toISOString();
  // The hub answering is alive now, whatever its last heartbeat says.
  const runs = [...(await ctx.store.query((p) => p.runs.runsOverlapping(from, to))), { startedAt: now, lastAliveAt: now }];
  return dataGaps(runs, { from, to }, { slackMs: RUN_SLACK_MS, minMs: HEARTBEAT_MS * 2 });
}
