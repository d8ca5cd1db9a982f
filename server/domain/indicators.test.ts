import { describe, expect, it } from 'vitest';
import { attainment, checkPeriod, checkValue, cityIndicators, expectedValue, indicatorStatus, lastPeriods, periodBounds, periodOf } from './indicators.js';
import { buildBoard, withValue } from './indicator-board.js';
import type { IndicatorSpec } from '../contract/indicators.js';
import { cityClock } from './time.js';

const WIB = cityClock('Asia/Jakarta');

const wib = (s: string) => new Date(`${s}+07:00`);
const budget = { target: 100, pace: 'year' as const, good: 'up' as const, tolerance: 0.1 };

describe('periods in WIB', () => {
  it('puts the first hours of a WIB month in that month, though UTC is still in the last one', () => {
    expect(periodOf(wib('2026-12-01T03:00:00'), 'month', WIB)).toBe('2026-12');
    expect(periodOf(wib('2026-12-01T03:00:00'), 'quarter', WIB)).toBe('2026-Q4');
    expect(periodOf(wib('2026-09-30T23:59:00'), 'quarter', WIB)).toBe('2026-Q3');
  });
  it('bounds a month and a quarter at WIB midnight', () => {
    expect(periodBounds('2026-11', WIB)).toEqual({ start: wib('2026-11-01T00:00:00'), end: wib('2026-12-01T00:00:00') });
    expect(periodBounds('2026-Q4', WIB)).toEqual({ start: wib('2026-10-01T00:00:00'), end: wib('2027-01-01T00:00:00') });
    expect(periodBounds('2026-13', WIB)).toBeNull();
    expect(periodBounds('2026-Q5', WIB)).toBeNull();
  });
  it('lists the last periods across a year end', () => {
    expect(lastPeriods('2027-02', 4, WIB)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(lastPeriods('2027-Q1', 3, WIB)).toEqual(['2026-Q3', '2026-Q4', '2027-Q1']);
  });
});

describe('the value expected part-way through a period', () => {
  it('expects a share of a yearly target as the fiscal year goes by', () => {
    // 2026-08-07 12:00 WIB is 60% of the way through 2026 (219 of 365 days).
    const at = new Date(wib('2026-01-01T00:00:00').getTime() + 0.6 * 365 * 86400_000);
    expect(expectedValue(budget, '2026-08', at, WIB)).toBeCloseTo(60, 6);
  });
  it('judges a finished month at its end, not now', () => {
    expect(expectedValue(budget, '2026-06', wib('2026-11-20T10:00:00'), WIB)).toBeCloseTo((100 * 181) / 365, 6);
  });
  it('restarts a per-period target every quarter', () => {
    const perQuarter = { target: 10, pace: 'period' as const };
    expect(expectedValue(perQuarter, '2026-Q4', wib('2026-11-16T00:00:00'), WIB)).toBeCloseTo((10 * 46) / 92, 6);
    expect(expectedValue(perQuarter, '2026-Q3', wib('2026-11-16T00:00:00'), WIB)).toBe(10);
  });
  it('holds a level target flat', () => {
    expect(expectedValue({ target: 90, pace: 'level' }, '2026-11', wib('2026-11-02T00:00:00'), WIB)).toBe(90);
  });
  it('plans a project straight from its first to its last day', () => {
    const project = { start: '2026-03-01', end: '2026-12-31' };
    expect(expectedValue({ target: 100, pace: 'project' }, '2026-02', wib('2026-11-20T00:00:00'), WIB, project)).toBe(0);
    expect(expectedValue({ target: 100, pace: 'project' }, '2027-01', wib('2027-01-20T00:00:00'), WIB, project)).toBe(100);
    const mid = expectedValue({ target: 100, pace: 'project' }, '2026-08', wib('2026-08-01T00:00:00'), WIB, project);
    expect(mid).toBeCloseTo((100 * 153) / 306, 6);
  });
});

describe('status against plan', () => {
  const at = new Date(wib('2026-01-01T00:00:00').getTime() + 0.6 * 365 * 86400_000);
  const table: [string, number, string][] = [
    ['60% of the year gone, 35% of budget realised', 35, 'off_track'],
    ['60% gone, 52% realised (within 10 points)', 52, 'at_risk'],
    ['60% gone, 50% realised (exactly 10 points behind)', 50, 'at_risk'],
    ['60% gone, 49% realised', 49, 'off_track'],
    ['60% gone, 60% realised', 60, 'on_track'],
    ['60% gone, 75% realised', 75, 'on_track'],
  ];
  it.each(table)('%s → %s', (_label, value, status) => {
    expect(indicatorStatus(value, expectedValue(budget, '2026-08', at, WIB), budget)).toBe(status);
  });
  it('turns the comparison round when down is good', () => {
    const arrears = { good: 'down' as const, tolerance: 0.1, target: 50 };
    expect(indicatorStatus(40, 50, arrears)).toBe('on_track');
    expect(indicatorStatus(54, 50, arrears)).toBe('at_risk');
    expect(indicatorStatus(60, 50, arrears)).toBe('off_track');
  });
  it('is on track on the first day of the year with nothing realised yet', () => {
    expect(indicatorStatus(0, expectedValue(budget, '2026-01', wib('2026-01-01T00:00:00'), WIB), budget)).toBe('on_track');
  });
  it('scores attainment capped at 100 so one indicator far ahead cannot hide another behind', () => {
    expect(attainment(35, 60, 'up')).toBeCloseTo(58.33, 2);
    expect(attainment(90, 60, 'up')).toBe(100);
    expect(attainment(0, 0, 'up')).toBe(100);
    expect(attainment(75, 50, 'down')).toBe(50);
  });
});

describe('what a value must respect', () => {
  it('refuses percentages over 100, negative values and fractional counts', () => {
    expect(checkValue('percent', 101)).toMatch(/100/);
    expect(checkValue('rupiah', -1)).toMatch(/negative/);
    expect(checkValue('count', 2.5)).toMatch(/whole/);
    expect(checkValue('rupiah', 1234567.89)).toBeNull();
  });
  it('refuses a quarter for a monthly indicator and a period not yet started', () => {
    const now = wib('2026-11-20T10:00:00');
    expect(checkPeriod({ period: 'month' }, '2026-Q4', now, WIB)).toMatch(/monthly/);
    expect(checkPeriod({ period: 'month' }, '2026-12', now, WIB)).toMatch(/not started/);
    expect(checkPeriod({ period: 'month' }, '2026-11', now, WIB)).toBeNull();
    expect(checkPeriod({ period: 'quarter' }, 'Q4', now, WIB)).toMatch(/YYYY/);
  });
});

describe('the board', () => {
  const agencies = [{ id: 'dkp', short: 'DKP', name: 'DKP' }, { id: 'dishub', short: 'Dishub', name: 'Dishub' }];
  const projects = [{ id: 'jalan-a', agencyId: 'dkp', name: 'Jalan A', location: [106.6, -6.2] as [number, number], start: '2026-01-01', end: '2026-12-31' }];
  const specs: IndicatorSpec[] = cityIndicators({ agencies, projects });
  const now = wib('2026-07-02T12:00:00');
  const v = (indicatorId: string, period: string, value: number, seq: number) => ({ indicatorId, period, value, at: now.toISOString(), seq, source: 'console' as const, corrections: 0 });

  it('gives every agency budget and procurement indicators and every project its progress by default', () => {
    expect(specs.map((s) => s.id)).toEqual(['kota.anggaran', 'dkp.anggaran', 'dkp.tender', 'dkp.kontrak', 'dkp.selesai', 'dishub.anggaran', 'dishub.tender', 'dishub.kontrak', 'dishub.selesai', 'fisik.jalan-a']);
  });
  it('judges the latest period, draws 12 periods and ranks agencies by attainment', () => {
    const board = buildBoard(specs, projects, ['dkp', 'dishub'], [v('dkp.anggaran', '2026-05', 30, 1), v('dkp.anggaran', '2026-06', 50, 2), v('dishub.anggaran', '2026-06', 20, 3), v('fisik.jalan-a', '2026-07', 30, 4)], now, WIB);
    const dkp = board.indicators.find((i) => i.id === 'dkp.anggaran')!;
    expect(dkp.latest).toMatchObject({ period: '2026-06', value: 50, status: 'on_track' });
    // Year-to-date: this fiscal year's months only, each with its plan.
    expect(dkp.series.map((p) => p.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07']);
    expect(dkp.series.at(-1)).toMatchObject({ period: '2026-07', value: null });
    expect(dkp.series.at(-2)).toMatchObject({ period: '2026-06', value: 50 });
    expect(dkp.series.at(-2)!.expected).toBeCloseTo(49.6, 1);
    expect(board.indicators.find((i) => i.id === 'fisik.jalan-a')!.series).toHaveLength(12);
    expect(board.indicators.find((i) => i.id === 'dishub.anggaran')!.latest!.status).toBe('off_track');
    expect(board.projects[0]).toMatchObject({ progress: 30, status: 'off_track' });
    expect(board.projects[0].planned).toBeGreaterThan(49);
    expect(board.league.map((l) => l.agencyId)).toEqual(['dkp', 'dishub']);
    expect(board.league[1]).toMatchObject({ offTrack: 1, noData: 3 });
  });

  it('takes one more value on a live screen exactly as a fresh board from every value would show it', () => {
    const before = [v('dkp.anggaran', '2026-05', 30, 1), v('dkp.anggaran', '2026-06', 50, 2), v('dishub.anggaran', '2026-06', 20, 3), v('fisik.jalan-a', '2026-07', 30, 4), v('kota.anggaran', '2025-11', 90, 5)];
    const board = buildBoard(specs, projects, ['dkp', 'dishub'], before, now, WIB);
    // A new latest month, a correction of the latest, a correction of an older month, a first value, a project.
    for (const next of [v('dkp.anggaran', '2026-07', 55, 6), { ...v('dishub.anggaran', '2026-06', 45, 7), corrections: 1 }, v('dkp.anggaran', '2026-05', 35, 8), v('dkp.tender', '2026-Q2', 2, 9), v('fisik.jalan-a', '2026-07', 60, 10)]) {
      const all = [...before.filter((x) => x.indicatorId !== next.indicatorId || x.period !== next.period), next];
      expect(withValue(board, next, ['dkp', 'dishub'], now, WIB)).toEqual(buildBoard(specs, projects, ['dkp', 'dishub'], all, now, WIB));
    }
  });
});
