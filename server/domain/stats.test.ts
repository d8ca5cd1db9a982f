import { describe, expect, it } from 'vitest';
import { cityClock } from './time.js';
import { agencyFigures, backlogEdges, dailyTrend, league, rangeDays, type OpenGroup } from './stats.js';
import { addOpenGroups, noOpenFigures } from './open-reports.js';
import { timeBucket, TIME_BUCKETS, zeroCounts, type RollupCounts } from './rollups.js';

const H = 3600_000;
const wib = cityClock('Asia/Jakarta');
const sums = (over: Partial<RollupCounts>) => ({ ...zeroCounts(), ...over });
const histogram = (...hours: number[]) => {
  const c = new Uint32Array(TIME_BUCKETS);
  for (const h of hours) c[timeBucket(h * H)]++;
  return c;
};
const open = (over: Partial<OpenGroup>): OpenGroup => ({ agencyId: 'dkp', districtCode: '36.71.01', age: 0, breached: false, reopenedBefore: false, n: 1, ...over });

describe('agency figures from the day sums and what is open', () => {
  const [dkp, dishub] = agencyFigures(
    ['dkp', 'dishub'],
    new Map([
      ['dkp', sums({ received: 4, dispatched: 3, dispatchedInTime: 2, fixed: 2, fixedInTime: 1, rejected: 1, reopened: 1, returnedProofs: 1 })],
      ['dishub', sums({ received: 1, dispatched: 1, dispatchedInTime: 1, fixed: 1, fixedInTime: 1 })],
    ]),
    new Map([['dkp', { response: histogram(1, 2, 6), resolution: histogram(24, 72) }]]),
    addOpenGroups(noOpenFigures(), [open({ breached: true }), open({ age: 3, districtCode: '36.71.05', reopenedBefore: true, n: 2 }), open({ agencyId: 'dishub', age: 1, districtCode: null })]),
  );
  it('splits done into fixed, rejected and merged, and counts open and reopened', () => {
    expect(dkp).toMatchObject({ received: 4, fixed: 2, rejected: 1, merged: 0, open: 3, breachedOpen: 1, reopened: 3, returnedProofs: 1 });
  });
  it('gives shares within deadline and the times from the histograms', () => {
    // Exact: 2 / 5.2 h and 48 / 67.2 h; each time is read as its bucket's middle (2.05 h, 6.05 h, 24.5 h, 72.5 h).
    expect(dkp).toMatchObject({ responseOnTime: 0.667, resolutionOnTime: 0.5, responseHours: { p50: 2.1, p90: 5.3 }, resolutionHours: { p50: 49, p90: 68 } });
    expect(dishub.responseHours).toEqual({ p50: null, p90: null });
  });
  it('ages the backlog', () => {
    expect(dkp.backlog).toEqual({ upTo1d: 1, d1to3: 0, d3to7: 0, over7d: 2 });
    expect(backlogEdges('2026-11-23T17:00:00.000Z')).toEqual(['2026-11-16T17:00:00.000Z', '2026-11-20T17:00:00.000Z', '2026-11-22T17:00:00.000Z']);
  });
  it('ranks by fixing on time, so rejecting earns nothing', () => {
    expect(league([dkp, dishub]).map((a) => a.agencyId)).toEqual(['dishub', 'dkp']);
  });
  it('counts open reports per kecamatan', () => {
    expect(addOpenGroups(noOpenFigures(), [open({}), open({ districtCode: '36.71.05', n: 2 }), open({ districtCode: null })]).districts).toEqual({ '36.71.01': 1, '36.71.05': 2 });
  });
});

describe('the daily trend', () => {
  it('has every city day of the range, a day without reports a zero', () => {
    const range = { from: '2026-11-16T17:00:00.000Z', to: '2026-11-23T17:00:00.000Z' }; // 17–23 Nov WIB
    const trend = dailyTrend(new Map([['2026-11-18', { received: 5, fixed: 1 }]]), range, wib);
    expect(trend).toHaveLength(7);
    expect(trend[1]).toEqual({ day: '2026-11-18', received: 5, fixed: 1 });
    expect(trend[0]).toEqual({ day: '2026-11-17', received: 0, fixed: 0 });
    // A range that does not start at WIB midnight still covers every day it touches.
    expect(rangeDays({ from: '2026-11-18T05:00:00.000Z', to: '2026-11-19T05:00:00.000Z' }, wib)).toEqual(['2026-11-18', '2026-11-19']);
  });
});
