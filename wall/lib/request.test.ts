import { describe, expect, it } from 'vitest';
import { parseRetryAfter, waitBeforeRetry } from './request';

describe('Retry-After on the phone screens', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
  it('waits for the longer of our own back-off and what the hub asked', () => {
    expect(waitBeforeRetry(2000, { retryAfterMs: 12_000 })).toBe(12_000);
    expect(waitBeforeRetry(2000, { retryAfterMs: 1000 })).toBe(2000);
    expect(waitBeforeRetry(2000, { retryAfterMs: null })).toBe(2000);
  });
});
