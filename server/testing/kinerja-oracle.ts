import type { ReportState } from '../domain/reports.js';
import { isBreached, isFixed } from '../domain/statuses.js';
import { localDay, type CityClock } from '../domain/time.js';
import type { AgencyFigures } from '../domain/stats.js';
import { expect } from 'vitest';
import type { Ctx } from '../commands/context.js';
import type { Store } from '../store/index.js';
import { kinerja, kinerjaRange } from '../queries/kinerja.js';

/**
 * Kinerja as it was computed before the rollups (issue 23): every report's moments folded in one pass over the
 * reports, with exact medians. The rollup-based figures are tested against it; nothing else uses it.
 */
type Facts = Pick<ReportState, 'agencyId' | 'districtCode' | 'status' | 'createdAt' | 'firstDispatchedAt' | 'verifiedAt' | 'doneAt' | 'reopenCount' | 'returnCount'> & {
  responseDueAt: string | null; resolutionDueAt: string | null; breached: boolean;
};

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const inRange = (t: string | null, from: string, to: string): t is string => t !== null && t >= from && t < to;
const hours = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / HOUR;
const openAt = (f: Facts, at: string) => f.createdAt < at && (f.doneAt === null || f.doneAt >= at);

export function exactQuantile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return Math.round((sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)) * 10) / 10;
}

const factsOf = (r: ReportState): Facts => ({
  ...r, responseDueAt: r.deadlines?.responseDueAt ?? null, resolutionDueAt: r.deadlines?.resolutionDueAt ?? null,
  // The old scope read any breach flag, open or not; "open at the end" was asked apart.
  breached: isBreached({ status: 'new', deadlineFlags: r.deadlineFlags }),
});

export function oracleKinerja(reports: ReportState[], agencies: string[], range: { from: string; to: string }, clock: CityClock) {
  const facts = reports.map(factsOf).filter((f) => f.createdAt < range.to);
  const figures: AgencyFigures[] = agencies.map((agencyId) => {
    const mine = facts.filter((f) => f.agencyId === agencyId);
    const dispatched = mine.filter((f) => inRange(f.firstDispatchedAt, range.from, range.to));
    const fixed = mine.filter((f) => inRange(f.verifiedAt, range.from, range.to) && isFixed(f.status));
    const open = mine.filter((f) => openAt(f, range.to));
    const ages = open.map((f) => (Date.parse(range.to) - Date.parse(f.createdAt)) / DAY);
    const response = dispatched.map((f) => hours(f.createdAt, f.firstDispatchedAt!)).sort((a, b) => a - b);
    const resolution = fixed.map((f) => hours(f.createdAt, f.verifiedAt!)).sort((a, b) => a - b);
    const share = (xs: Facts[], ok: (f: Facts) => boolean) => (xs.length ? Math.round((xs.filter(ok).length / xs.length) * 1000) / 1000 : null);
    return {
      agencyId,
      open: open.length,
      breachedOpen: open.filter((f) => f.breached).length,
      received: mine.filter((f) => inRange(f.createdAt, range.from, range.to)).length,
      dispatched: dispatched.length,
      fixed: fixed.length,
      rejected: mine.filter((f) => f.status === 'rejected' && inRange(f.doneAt, range.from, range.to)).length,
      merged: mine.filter((f) => f.status === 'merged' && inRange(f.doneAt, range.from, range.to)).length,
      reopened: mine.filter((f) => f.reopenCount > 0 && (inRange(f.createdAt, range.from, range.to) || openAt(f, range.to))).length,
      returnedProofs: dispatched.reduce((n, f) => n + f.returnCount, 0),
      responseHours: { p50: exactQuantile(response, 0.5), p90: exactQuantile(response, 0.9) },
      resolutionHours: { p50: exactQuantile(resolution, 0.5), p90: exactQuantile(resolution, 0.9) },
      responseOnTime: share(dispatched, (f) => f.responseDueAt === null || f.firstDispatchedAt! <= f.responseDueAt),
      resolutionOnTime: share(fixed, (f) => f.resolutionDueAt === null || f.verifiedAt! <= f.resolutionDueAt),
      backlog: {
        upTo1d: ages.filter((a) => a <= 1).length,
        d1to3: ages.filter((a) => a > 1 && a <= 3).length,
        d3to7: ages.filter((a) => a > 3 && a <= 7).length,
        over7d: ages.filter((a) => a > 7).length,
      },
    };
  });
  const dayOf = (t: number | string) => localDay(t, clock);
  const trend = new Map<string, { day: string; received: number; fixed: number }>();
  for (let t = Date.parse(range.from); dayOf(t) <= dayOf(Date.parse(range.to) - 1); t += DAY) trend.set(dayOf(t), { day: dayOf(t), received: 0, fixed: 0 });
  const districts: Record<string, number> = {};
  for (const f of facts) {
    if (inRange(f.createdAt, range.from, range.to)) trend.get(dayOf(f.createdAt))!.received++;
    if (inRange(f.verifiedAt, range.from, range.to) && isFixed(f.status)) trend.get(dayOf(f.verifiedAt))!.fixed++;
    if (f.districtCode && openAt(f, range.to)) districts[f.districtCode] = (districts[f.districtCode] ?? 0) + 1;
  }
  return { agencies: figures, trend: [...trend.values()], districts };
}

/**
 * The rollup-based kinerja against the fold of every report it replaced (testing/kinerja-oracle.ts): counts exactly,
 * medians and p90 within the histogram's precision (one step of the second significant figure; 0.1 h below 10 h).
 */
export async function expectKinerjaAsOracle(ctx: Ctx<Store>, q: { from?: string; to?: string; days?: number }) {
  const r = kinerjaRange(ctx, q);
  const got = await kinerja(ctx, r);
  const want = oracleKinerja(ctx.store.reports.latest(1e9), ctx.city.profile.agencies.map((a) => a.id), r, ctx.city.clock);
  const byId = (xs: AgencyFigures[]) => Object.fromEntries(xs.map((a) => [a.agencyId, a]));
  const counts = ({ responseHours, resolutionHours, ...rest }: AgencyFigures) => rest;
  const g = byId(got.agencies);
  for (const w of want.agencies) {
    expect(counts(g[w.agencyId]), `${w.agencyId} ${r.fromDay}…${r.toDay}`).toEqual(counts(w));
    for (const kind of ['responseHours', 'resolutionHours'] as const)
      for (const q of ['p50', 'p90'] as const) {
        const [a, b] = [g[w.agencyId][kind][q], w[kind][q]];
        expect(a === null, `${w.agencyId} ${kind} ${q}`).toBe(b === null);
        if (a !== null && b !== null) expect(Math.abs(a - b), `${w.agencyId} ${kind} ${q}: ${a} vs exact ${b}`).toBeLessThanOrEqual(precision(b) + 1e-9);
      }
  }
  expect(got.trend).toEqual(want.trend);
  expect(got.districts).toEqual(want.districts);
  return got;
}

/** How far a median or p90 from the histogram may be from the exact one, near `h` hours. */
const precision = (h: number) => (h < 9.95 ? 0.1 : 10 ** (Math.floor(Math.log10(h)) - 1) * 1.05);

