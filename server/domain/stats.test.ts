import { describe, expect, it } from 'vitest';
import { cityClock } from './time.js';
import { agencyFigures, dailyTrend, league, openByDistrict, type ReportFacts } from './stats.js';

const range = { from: '2026-11-16T17:00:00.000Z', to: '2026-11-23T17:00:00.000Z' }; // 17–23 Nov WIB
const f = (over: Partial<ReportFacts>): ReportFacts => ({
  agencyId: 'dkp', districtCode: '36.71.01', status: 'new', createdAt: '2026-11-18T02:00:00.000Z', firstDispatchedAt: null,
  verifiedAt: null, doneAt: null, reopenCount: 0, returnCount: 0, responseDueAt: '2026-11-18T06:00:00.000Z',
  resolutionDueAt: '2026-11-20T02:00:00.000Z', breached: false, ...over,
});

// A small history whose answers are known by hand.
const history: ReportFacts[] = [
  // fixed on time: responded in 2 h, fixed in 24 h
  f({ status: 'verified', firstDispatchedAt: '2026-11-18T04:00:00.000Z', verifiedAt: '2026-11-19T02:00:00.000Z', doneAt: '2026-11-19T02:00:00.000Z' }),
  // fixed late: responded in 6 h (late), fixed in 72 h (late), one proof returned on the way
  f({ status: 'closed', firstDispatchedAt: '2026-11-18T08:00:00.000Z', verifiedAt: '2026-11-21T02:00:00.000Z', doneAt: '2026-11-21T02:00:00.000Z', returnCount: 1 }),
  // rejected: not counted as fixed
  f({ status: 'rejected', doneAt: '2026-11-18T03:00:00.000Z' }),
  // reopened by the citizen: open again, counts as reopened, not as fixed
  f({ status: 'new', firstDispatchedAt: '2026-11-18T03:00:00.000Z', reopenCount: 1, breached: true }),
  // still open, received 10 days before the range end
  f({ status: 'dispatched', createdAt: '2026-11-13T17:00:00.000Z', firstDispatchedAt: '2026-11-14T00:00:00.000Z', districtCode: '36.71.05' }),
  // another agency
  f({ agencyId: 'dishub', status: 'verified', firstDispatchedAt: '2026-11-18T03:00:00.000Z', verifiedAt: '2026-11-18T10:00:00.000Z', doneAt: '2026-11-18T10:00:00.000Z' }),
];

describe('agency figures from a known history', () => {
  const [dkp, dishub] = agencyFigures(history, ['dkp', 'dishub'], range);
  it('splits done into fixed, rejected and merged', () => {
    expect(dkp).toMatchObject({ received: 4, fixed: 2, rejected: 1, merged: 0, open: 2, breachedOpen: 1, reopened: 1 });
  });
  it('measures response and resolution times and their shares within deadline', () => {
    expect(dkp.dispatched).toBe(3);
    expect(dkp.responseHours).toEqual({ p50: 2, p90: 5.2 });
    expect(dkp.resolutionHours).toEqual({ p50: 48, p90: 67.2 });
    expect(dkp.responseOnTime).toBe(0.667);
    expect(dkp.resolutionOnTime).toBe(0.5);
    expect(dkp.returnedProofs).toBe(1);
  });
  it('ages the backlog', () => {
    expect(dkp.backlog).toEqual({ upTo1d: 0, d1to3: 0, d3to7: 1, over7d: 1 });
  });
  it('ranks by fixing on time, so rejecting earns nothing', () => {
    expect(league([dkp, dishub]).map((a) => a.agencyId)).toEqual(['dishub', 'dkp']);
  });
  it('counts received and fixed per WIB day, and open reports per district', () => {
    const trend = dailyTrend(history, range, cityClock('Asia/Jakarta'));
    expect(trend).toHaveLength(7);
    expect(trend.find((d) => d.day === '2026-11-18')).toEqual({ day: '2026-11-18', received: 5, fixed: 1 });
    expect(openByDistrict(history, range.to)).toEqual({ '36.71.01': 1, '36.71.05': 1 });
    // A range that does not start at WIB midnight still covers every day it touches.
    const partial = dailyTrend(history, { from: '2026-11-18T05:00:00.000Z', to: '2026-11-19T05:00:00.000Z' }, cityClock('Asia/Jakarta'));
    expect(partial.map((d) => d.day)).toEqual(['2026-11-18', '2026-11-19']);
  });
});
