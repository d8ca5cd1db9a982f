import { describe, expect, it } from 'vitest';
import { afterFailure, type RetryPolicy } from './retries.js';

const now = new Date('2026-11-23T03:00:00.000Z');

describe('webhook retries', () => {
  const policy: RetryPolicy = { firstDelayMs: 5_000, maxDelayMs: 60_000, maxAttempts: 5 };
  const wait = (attempts: number, random: number) => {
    const r = afterFailure(attempts, now, policy, () => random);
    return r.giveUp ? null : r.retryAt.getTime() - now.getTime();
  };

  it('doubles the wait after each failure, up to the cap, half of it jitter', () => {
    expect([1, 2, 3, 4].map((a) => wait(a, 0))).toEqual([2_500, 5_000, 10_000, 20_000]);
    expect([1, 2, 3, 4].map((a) => wait(a, 0.5))).toEqual([3_750, 7_500, 15_000, 30_000]);
    expect(afterFailure(4, now, { ...policy, maxDelayMs: 8_000, maxAttempts: 10 }, () => 0)).toEqual({ giveUp: false, retryAt: new Date(now.getTime() + 4_000) });
  });

  it('gives up once the attempts are spent', () => {
    expect(afterFailure(5, now, policy)).toEqual({ giveUp: true });
    expect(afterFailure(6, now, policy)).toEqual({ giveUp: true });
  });
});
