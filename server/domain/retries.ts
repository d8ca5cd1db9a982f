/** How a message to another system (an agency's webhook) is tried again after a failure, and when it is given up. */
export type RetryPolicy = { firstDelayMs: number; maxDelayMs: number; maxAttempts: number };

/** 5 s, 10 s, 20 s … up to 10 min between tries; ten tries cover about an hour of a receiver being down. */
export const WEBHOOK_RETRIES: RetryPolicy = { firstDelayMs: 5_000, maxDelayMs: 10 * 60_000, maxAttempts: 10 };

export type AfterFailure = { giveUp: true } | { giveUp: false; retryAt: Date };

/**
 * After the `attempts`-th failed try: wait twice as long as the time before, capped, or give up once the attempts
 * are spent. Half the wait is jitter (`random` in [0, 1)), so the messages that failed together when a receiver went
 * down do not all come back at the same second when it returns.
 */
export function afterFailure(attempts: number, now: Date, policy: RetryPolicy, random: () => number = Math.random): AfterFailure {
  if (attempts >= policy.maxAttempts) return { giveUp: true };
  const full = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempts - 1));
  return { giveUp: false, retryAt: new Date(now.getTime() + full / 2 + random() * (full / 2)) };
}
