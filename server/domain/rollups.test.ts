import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bucketHours, histogramQuantile, rollupChange, splitRange, timeBucket, TIME_BUCKETS, type RollupFacts } from './rollups.js';
import { cityClock } from './time.js';
import { exactQuantile } from '../testing/kinerja-oracle.js';

const H = 3600_000;
const wib = cityClock('Asia/Jakarta');
const report = (over: Partial<RollupFacts> = {}): RollupFacts => ({
  agencyId: 'dkp', categoryId: 'sampah', districtCode: '36.71.01', status: 'new', createdAt: '2026-11-18T02:00:00.000Z',
  firstDispatchedAt: null, verifiedAt: null, doneAt: null, reopenCount: 0, returnCount: 0,
  deadlines: { responseDueAt: '2026-11-18T06:00:00.000Z', resolutionDueAt: '2026-11-20T02:00:00.000Z' }, ...over,
});
const fixed = report({ status: 'verified', firstDispatchedAt: '2026-11-18T04:00:00.000Z', verifiedAt: '2026-11-19T18:00:00.000Z', doneAt: '2026-11-19T18:00:00.000Z' });

describe('the time histogram', () => {
  it('keeps two significant figures: 0.1 h below 10 h, 1 h below 100 h, 10 h below 1,000 h', () => {
    expect([0, 0.05 * H, 5.95 * H, 10 * H - 1, 10 * H, 99.9 * H, 100 * H, 9999 * H, 20_000 * H].map(timeBucket)).toEqual([0, 0, 59, 99, 100, 189, 190, 369, TIME_BUCKETS - 1]);
    expect([0, 59, 100, 190, TIME_BUCKETS - 1].map(bucketHours)).toEqual([0.05, 5.95, 10.5, 105, 10_000]);
  });

  it('gives medians and p90 within half a bucket of the exact ones, then rounded as the screens show them', () => {
    const halfBucket = (h: number) => (h < 10 ? 0.05 : h < 100 ? 0.5 : h < 1000 ? 5 : 50);
    const step = (h: number) => (h < 10 ? 0.1 : 10 ** (Math.floor(Math.log10(h)) - 1));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 * H }), { minLength: 1, maxLength: 60 }), fc.constantFrom(0.5, 0.9), (ms, q) => {
        const counts = new Array(TIME_BUCKETS).fill(0);
        for (const t of ms) counts[timeBucket(t)]++;
        const sorted = ms.map((t) => t / H).sort((a, b) => a - b);
        const exact = exactQuantile(sorted, q)!;
        const got = histogramQuantile(counts, q)!;
        // The wider of the two buckets it interpolates between, and each side's rounding.
        const wide = sorted[Math.ceil((sorted.length - 1) * q)];
        expect(Math.abs(got - exact)).toBeLessThanOrEqual(halfBucket(wide) + step(got) / 2 + step(exact) / 2 + 1e-9);
      }),
    );
    expect(histogramQuantile(new Array(TIME_BUCKETS).fill(0), 0.5)).toBeNull();
  });
});

describe('what an event changes in the rollups', () => {
  it('adds a new report to its receipt day, in the city zone', () => {
    const late = report({ createdAt: '2026-11-18T17:30:00.000Z' }); // 00:30 WIB on the 19th
    expect(rollupChange(null, late, wib).rows).toEqual([
      expect.objectContaining({ day: '2026-11-19', agencyId: 'dkp', categoryId: 'sampah', districtCode: '36.71.01', counts: expect.objectContaining({ received: 1, dispatched: 0 }) }),
    ]);
  });

  it('counts a fixed report on the days of its dispatch and verification, with its times and deadlines', () => {
    const { rows, times } = rollupChange(null, fixed, wib);
    const on = (day: string) => rows.find((r) => r.day === day)!.counts;
    expect(on('2026-11-18')).toMatchObject({ received: 1, dispatched: 1, dispatchedInTime: 1, responseMs: 2 * H });
    expect(on('2026-11-20')).toMatchObject({ fixed: 1, fixedInTime: 1, resolutionMs: 40 * H }); // 01:00 WIB on the 20th
    expect(times.map((t) => [t.day, t.kind, t.bucket, t.n])).toEqual([['2026-11-18', 'response', 20, 1], ['2026-11-20', 'resolution', 130, 1]]);
  });

  it('takes the fix back from its day when the report is reopened, and marks its receipt day reopened', () => {
    const reopened = { ...fixed, status: 'new' as const, verifiedAt: null, doneAt: null, reopenCount: 1 };
    const { rows, times } = rollupChange(fixed, reopened, wib);
    expect(rows.map((r) => [r.day, r.counts.fixed, r.counts.fixedInTime, r.counts.reopened])).toEqual([['2026-11-18', 0, 0, 1], ['2026-11-20', -1, -1, 0]]);
    expect(times).toEqual([expect.objectContaining({ kind: 'resolution', n: -1 })]);
  });

  it('moves every figure of a rerouted report to its new agency, and changes nothing for an event that moves none', () => {
    const { rows } = rollupChange(fixed, { ...fixed, agencyId: 'dishub' }, wib);
    expect(rows.filter((r) => r.agencyId === 'dkp').every((r) => Object.values(r.counts).every((n) => n <= 0))).toBe(true);
    expect(rows.filter((r) => r.agencyId === 'dishub').every((r) => Object.values(r.counts).every((n) => n >= 0))).toBe(true);
    expect(rollupChange(fixed, { ...fixed, status: 'closed' }, wib)).toEqual({ rows: [], times: [] });
  });
});

describe('a range of days read from months and days', () => {
  it('takes the whole months inside it from the month rows and the days around them from the day rows', () => {
    expect(splitRange('2025-11-24', '2026-11-23')).toEqual({ months: ['2025-12', '2026-10'], before: ['2025-11-24', '2025-11-30'], after: ['2026-11-01', '2026-11-23'] });
    expect(splitRange('2026-02-01', '2026-02-28')).toEqual({ months: ['2026-02', '2026-02'], before: null, after: null });
    expect(splitRange('2026-11-17', '2026-11-23')).toEqual({ months: null, before: ['2026-11-17', '2026-11-23'], after: null });
    expect(splitRange('2026-12-15', '2027-01-31')).toEqual({ months: ['2027-01', '2027-01'], before: ['2026-12-15', '2026-12-31'], after: null });
    expect(splitRange('2026-12-15', '2027-01-30')).toEqual({ months: null, before: ['2026-12-15', '2027-01-30'], after: null });
  });
});
