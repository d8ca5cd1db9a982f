import type { Logger } from 'pino';
import type { Ctx } from '../commands/context.js';
import { sweepDeadlines, type Raised } from '../commands/deadline-sweep.js';
import type { LeaseTerm } from '../commands/leases.js';

export const DEADLINE_SWEEP_LEASE = 'deadline-sweep';

/**
 * Runs the deadline sweep on a timer, under a lease so that of several hubs on one store exactly one sweeps (the
 * sweep is idempotent, the lease saves the others the work). The lease runs three intervals: a holder that dies is
 * replaced within about that long, and a tick late by a stall does not lose it. The webhooks of what it raised are
 * in the outbox by then; `onRaised` wakes the outbox worker rather than waiting for its timer.
 */
export function startDeadlineScheduler(ctx: Ctx, opts: { everyMs: number; owner: string; log: Logger; onRaised?: () => void }): { stop: () => Promise<void>; sweep: () => Promise<Raised[]> } {
  const lease: LeaseTerm = { name: DEADLINE_SWEEP_LEASE, owner: opts.owner, termMs: 3 * opts.everyMs };
  let stopped = false;
  const once = async (): Promise<Raised[]> => {
    if (stopped) return [];
    let raised: Raised[] = [];
    try {
      // A backlog (a hub down for a day) is worked off a batch per tick, oldest checkpoint first.
      raised = await sweepDeadlines(ctx, 500, lease);
    } catch (err) {
      opts.log.error({ err }, 'deadline sweep failed');
    }
    try {
      if (raised.length) opts.onRaised?.();
    } catch (err) {
      opts.log.error({ err }, 'could not wake the outbox after the sweep');
    }
    return raised;
  };
  // A tick that comes while a sweep is still running (a slow database) joins it rather than sweeping beside it.
  let running: Promise<Raised[]> | null = null;
  const sweep = (): Promise<Raised[]> => (running ??= once().finally(() => (running = null)));
  const timer = setInterval(sweep, opts.everyMs);
  timer.unref();
  setImmediate(sweep);
  return {
    // A planned stop hands the sweep on at once instead of after the lease runs out.
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      // A sweep under way commits (or not) before the lease is handed on and the store closes.
      await running?.catch(() => {});
      const at = ctx.now().toISOString();
      return ctx.store.write((p) => p.reports.releaseLease(DEADLINE_SWEEP_LEASE, opts.owner, at)).catch((err) => opts.log.warn({ err }, 'could not hand on the deadline sweep lease'));
    },
    sweep,
  };
}
