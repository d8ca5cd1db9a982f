import { describe, expect, it } from 'vitest';
import { holdsLease, leaseExpired, leaseUntil, mayTakeLease, type Lease } from './leases.js';

const now = new Date('2026-11-23T03:00:00.000Z');
const lease = (owner: string, until: string): Lease => ({ name: 'deadline-sweep', owner, until });

describe('leases', () => {
  it('runs out at its until, not a millisecond later', () => {
    expect(leaseExpired('2026-11-23T03:00:00.001Z', now)).toBe(false);
    expect(leaseExpired('2026-11-23T03:00:00.000Z', now)).toBe(true);
  });

  it('is held by its owner only until it runs out', () => {
    const l = lease('hub-a', leaseUntil(now, 90_000));
    expect(holdsLease(l, 'hub-a', now)).toBe(true);
    expect(holdsLease(l, 'hub-b', now)).toBe(false);
    expect(holdsLease(l, 'hub-a', new Date(now.getTime() + 90_000))).toBe(false);
    expect(holdsLease(null, 'hub-a', now)).toBe(false);
  });

  it('may be taken when free, renewed by its holder, and taken over by another hub only once it has run out', () => {
    const l = lease('hub-a', leaseUntil(now, 90_000));
    expect(mayTakeLease(null, 'hub-b', now)).toBe(true);
    expect(mayTakeLease(l, 'hub-a', now)).toBe(true);
    expect(mayTakeLease(l, 'hub-b', now)).toBe(false);
    expect(mayTakeLease(l, 'hub-b', new Date(now.getTime() + 90_000))).toBe(true);
  });
});
