import type { Logger } from 'pino';
import type { ClaimedMessage, OutboxQueue } from '../store/outbox.js';
import { afterFailure, WEBHOOK_RETRIES, type RetryPolicy } from '../domain/retries.js';

export type OutboxWorker = {
  /** Sends what is due now; resolves with how many messages it tried. A tick already running is joined, not doubled. */
  tick: () => Promise<number>;
  stop: () => Promise<void>;
};

type Options = {
  /** This hub run's id: the claim's owner. */
  owner: string;
  log: Logger;
  everyMs?: number;
  /** Messages claimed per tick, sent together. */
  batch?: number;
  /** How long a claim holds: past a stalled send's timeout, so only a dead hub's claim runs out. */
  claimMs?: number;
  timeoutMs?: number;
  retries?: RetryPolicy;
  random?: () => number;
};

const DAY = 24 * 3600_000;

/**
 * Delivers the outbox (agency webhooks) at least once, each with an `Idempotency-Key: <storeId>:<seq>` header so a
 * receiver drops a repeat: a repeat happens only when a hub dies between the receiver's answer and recording it, or
 * a send outlives its claim. Every hub may run one; a message is claimed in one UPDATE (owner + until), so two
 * workers never send it at once, and the claim of a hub that died runs out and is taken by another. It starts with
 * a tick, which is how a hub restarted after a COMMIT sends what it had not.
 */
export function startOutboxWorker(deps: { outbox: OutboxQueue; now: () => Date }, opts: Options): OutboxWorker {
  const { outbox, now } = deps;
  const batch = opts.batch ?? 20;
  const claimMs = opts.claimMs ?? 30_000;
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const retries = opts.retries ?? WEBHOOK_RETRIES;
  let running: Promise<number> | null = null;
  let stopped = false;
  let prunedAt = 0;

  const send = async (m: ClaimedMessage): Promise<void> => {
    let error: string;
    try {
      const res = await fetch(m.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `${outbox.storeId}:${m.seq}` },
        body: m.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel();
      if (res.ok) return await outbox.delivered(m.id, now().toISOString());
      error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).message;
    }
    const attempts = m.attempts + 1;
    const at = now();
    const next = afterFailure(attempts, at, retries, opts.random);
    const recorded = await outbox.failed(m.id, opts.owner, error, next.giveUp ? { giveUpAt: at.toISOString() } : { retryAt: next.retryAt.toISOString() });
    if (!recorded) return;
    if (next.giveUp) opts.log.error({ agency: m.agencyId, seq: m.seq, url: shown(m.url), attempts, error }, 'agency webhook given up');
    else opts.log.warn({ agency: m.agencyId, seq: m.seq, attempts, error, retryAt: next.retryAt }, 'agency webhook failed; will retry');
  };

  const run = async (): Promise<number> => {
    const at = now();
    if (at.getTime() - prunedAt > DAY / 24) {
      prunedAt = at.getTime();
      await outbox.prune(new Date(at.getTime() - 7 * DAY).toISOString());
    }
    if (!(await outbox.anyDue(at.toISOString()))) return 0;
    const claimed = await outbox.claim(opts.owner, at.toISOString(), new Date(at.getTime() + claimMs).toISOString(), batch);
    await Promise.all(claimed.map(send));
    return claimed.length;
  };

  const tick = (): Promise<number> => {
    if (stopped) return Promise.resolve(0);
    running ??= run()
      .catch((err: unknown) => {
        opts.log.error({ err }, 'outbox tick failed');
        return 0;
      })
      .finally(() => (running = null));
    return running;
  };

  const timer = setInterval(() => void tick(), opts.everyMs ?? 2_000);
  timer.unref();
  setImmediate(() => void tick());
  return {
    tick,
    stop: async () => {
      clearInterval(timer);
      stopped = true;
      // A send in flight finishes before the store closes under it.
      await running;
    },
  };
}

/** A webhook's address as the log shows it: no query string or credentials, where an agency's secret often is. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(not a URL)';
  }
}
