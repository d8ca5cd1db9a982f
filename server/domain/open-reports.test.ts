import { describe, expect, it } from 'vitest';
import { openChange, openCountsOf, openEdges, openFiguresOf, regionClass, regionOf, spanStart, type OpenFacts } from './open-reports.js';
import { cityClock } from './time.js';

const H = 3600_000;
const D = 24 * H;
const wib = cityClock('Asia/Jakarta');
const report = (over: Partial<OpenFacts> = {}): OpenFacts => ({
  agencyId: 'dkp', districtCode: '36.71.01', createdAt: '2026-11-18T17:30:00.000Z', doneAt: null, reopenCount: 0, deadlineFlags: [], ...over,
});

describe('the open counts', () => {
  it('count an open report in its city hour, city day and all, and under its kecamatan', () => {
    const { cells, districts } = openChange(null, report(), wib);
    expect(cells.map((c) => [c.span, new Date(c.start).toISOString(), c.counts.open])).toEqual([
      ['all', '1970-01-01T00:00:00.000Z', 1], ['day', '2026-11-18T17:00:00.000Z', 1], ['hour', '2026-11-18T17:00:00.000Z', 1],
    ]);
    expect(districts).toEqual([{ districtCode: '36.71.01', n: 1 }]);
  });

  it('take a report out when it is done, count a breach flag, and ignore an event that moves nothing', () => {
    expect(openChange(report(), report({ doneAt: '2026-11-19T00:00:00.000Z' }), wib).cells.every((c) => c.counts.open === -1)).toBe(true);
    expect(openChange(report(), report({ deadlineFlags: ['response_breached'] }), wib).cells.map((c) => c.counts)).toEqual(Array(3).fill({ open: 0, breached: 1, reopened: 0 }));
    expect(openChange(report(), report({ deadlineFlags: ['response_near'] }), wib)).toEqual({ cells: [], districts: [] });
  });

  it('class a receipt time by the edges of the range: before it, then the backlog ages, then after its end', () => {
    const to = Date.parse('2026-11-23T05:37:00Z');
    const from = spanStart('day', to, wib);
    const edges = openEdges(from, to);
    const cls = (t: number) => regionClass(edges, regionOf(edges, t), from, to);
    expect([to - 8 * D, to - 5 * D, to - 2 * D, from - H, from + H, to].map(cls)).toEqual([
      { age: 3, beforeRange: true }, { age: 2, beforeRange: true }, { age: 1, beforeRange: true }, { age: 0, beforeRange: true }, { age: 0, beforeRange: false }, null,
    ]);
  });

  it('give the figures as the totals less what was read after the oldest edge', () => {
    const to = Date.parse('2026-11-23T05:37:00Z');
    const from = to - 30 * D;
    const reports = [report({ createdAt: '2026-01-01T00:00:00.000Z', reopenCount: 1 }), report({ createdAt: '2026-11-23T01:00:00.000Z', deadlineFlags: ['response_breached'] })];
    const all = openCountsOf(reports, wib);
    const totals = all.cells.filter((c) => c.span === 'all').map(({ agencyId, counts }) => ({ agencyId, counts }));
    const figures = openFiguresOf({ totals, pieces: [{ agencyId: 'dkp', region: 4, counts: { open: 1, breached: 1, reopened: 0 } }], districts: all.districts, lateDistricts: [] }, from, to);
    expect(figures.agencies.get('dkp')).toEqual({ open: 2, breached: 1, reopenedBefore: 1, backlog: [1, 0, 0, 1] });
    expect(figures.districts).toEqual({ '36.71.01': 2 });
  });
});
