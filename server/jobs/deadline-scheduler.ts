import type { Logger } from 'pino';
import type { Ctx } from '../commands/context.js';
import { sweepDeadlines, type Raised } from '../commands/deadline-sweep.js';

/** Runs the deadline sweep on a timer and tells agencies with a webhook. Holds nothing a restart would lose. */
export function startDeadlineScheduler(ctx: Ctx, opts: { everyMs: number; log: Logger }): { stop: () => void; sweep: () => Raised[] } {
  const sweep = () => {
    let raised: Raised[] = [];
    try {
      // A backlog (a hub down for a day) is worked off a batch per tick, oldest checkpoint first.
      raised = sweepDeadlines(ctx);
    } catch (err) {
      opts.log.error({ err }, 'deadline sweep failed');
    }
    for (const r of raised) void notifyAgency(ctx, r, opts.log);
    return raised;
  };
  const timer = setInterval(sweep, opts.everyMs);
  timer.unref();
  setImmediate(sweep);
  return { stop: () => clearInterval(timer), sweep };
}

async function notifyAgency(ctx: Ctx, { report, flag }: Raised, log: Logger) {
  const agency = ctx.city.profile.agencies.find((a) => a.id === report.agencyId);
  if (!agency?.webhookUrl) return;
  try {
    const res = await fetch(agency.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket: report.ticket, flag, status: report.status, agencyId: report.agencyId, deadlines: report.deadlines, category: report.categoryId }),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) log.warn({ agency: agency.id, status: res.status }, 'deadline webhook refused');
  } catch (err) {
    log.warn({ agency: agency.id, err: (err as Error).message }, 'deadline webhook unreachable');
  }
}
