import { describe, expect, it } from 'vitest';
import { checkIntakeChannel, formatTicket, ticketYear } from './intake.js';
import { cityClock } from './time.js';
import { missedSinceLastBeat, planCatchUp } from './catchup.js';

describe('intake channels', () => {
  it('lets a citizen file on the web but not as a call-centre phone report', () => {
    expect(checkIntakeChannel({ id: 'c', role: 'citizen' }, 'web')).toBeNull();
    expect(checkIntakeChannel({ id: 'c', role: 'citizen' }, 'phone')).toMatchObject({ code: 'forbidden', field: 'channel' });
  });
  it('lets an operator file assisted (KIM) and SMS reports', () => {
    expect(checkIntakeChannel({ id: 'o', role: 'operator', agencyId: 'dkp' }, 'kim')).toBeNull();
    expect(checkIntakeChannel({ id: 'o', role: 'operator', agencyId: 'dkp' }, 'sms')).toBeNull();
  });
  it('refuses a wall display any intake', () => {
    expect(checkIntakeChannel({ id: 'w', role: 'wall' }, 'web')).toMatchObject({ code: 'forbidden' });
  });
});

describe('tickets', () => {
  it('formats a short human ticket', () => {
    expect(formatTicket('TNG', 2026, 123)).toBe('TNG-2026-000123');
  });
  it('takes the year in WIB, not UTC', () => {
    expect(ticketYear(new Date('2026-12-31T17:30:00Z'), cityClock('Asia/Jakarta'))).toBe(2027);
    expect(ticketYear(new Date('2026-12-31T16:59:59Z'), cityClock('Asia/Jakarta'))).toBe(2026);
    // Mataram (WITA) turns the year an hour earlier.
    expect(ticketYear(new Date('2026-12-31T16:30:00Z'), cityClock('Asia/Makassar'))).toBe(2027);
  });
});

describe('catch-up plan', () => {
  const hub = { storeId: 's1', headSeq: 100, limit: 50 };
  it('sends a delta to a client a little behind', () => {
    expect(planCatchUp({ storeId: 's1', seq: 90 }, hub)).toEqual({ kind: 'delta', fromSeq: 90 });
  });
  it('sends a snapshot to a new client, one from another store, one too far behind, or one ahead of the hub', () => {
    expect(planCatchUp({}, hub).kind).toBe('snapshot');
    expect(planCatchUp({ storeId: 'other', seq: 90 }, hub).kind).toBe('snapshot');
    expect(planCatchUp({ storeId: 's1', seq: 10 }, hub).kind).toBe('snapshot');
    expect(planCatchUp({ storeId: 's1', seq: 101 }, hub).kind).toBe('snapshot');
  });
});

describe('the head beat', () => {
  const beat = { storeId: 's1', seq: 40 };
  it('says a screen missed events only when it is still short of the head heard a beat ago', () => {
    expect(missedSinceLastBeat(beat, { storeId: 's1' }, { storeId: 's1', seq: 39 })).toBe(true);
    // Events of the latest beat may still be on their way: no catch-up for those.
    expect(missedSinceLastBeat(beat, { storeId: 's1' }, { storeId: 's1', seq: 40 })).toBe(false);
    expect(missedSinceLastBeat(null, { storeId: 's1' }, { storeId: 's1', seq: 0 })).toBe(false);
  });
  it('sends a screen holding another store’s seqs to catch up at once', () => {
    expect(missedSinceLastBeat(null, { storeId: 's2' }, { storeId: 's1', seq: 90 })).toBe(true);
  });
});
