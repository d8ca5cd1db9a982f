import { isFixed } from './statuses.js';
import { localDay, type CityClock } from './time.js';

/** What performance is computed from, per report: the moments folded from its events. */
export type ReportFacts = {
  agencyId: string;
  districtCode: string | null;
  status: string;
  createdAt: string;
  firstDispatchedAt: string | null;
  verifiedAt: string | null;
  doneAt: string | null;
  reopenCount: number;
  returnCount: number;
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  breached: boolean;
};

export type AgencyFigures = {
  agencyId: string;
  open: number;
  breachedOpen: number;
  received: number;
  dispatched: number;
  /** Honest "done": fixed (verified proof) is apart from rejected and merged. */
  fixed: number;
  rejected: number;
  merged: number;
  reopened: number;
  returnedProofs: number;
  responseHours: { p50: number | null; p90: number | null };
  resolutionHours: { p50: number | null; p90: number | null };
  /** Share dispatched within the response deadline / fixed within the resolution deadline, of those in the range. */
  responseOnTime: number | null;
  resolutionOnTime: number | null;
  backlog: { upTo1d: number; d1to3: number; d3to7: number; over7d: number };
};

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const inRange = (t: string | null, from: string, to: string): t is string => t !== null && t >= from && t < to;
const hours = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / HOUR;

export function quantile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return Math.round((sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)) * 10) / 10;
}

/** Open at `at`: received before it and not done by then (a reopened report is open again). */
const openAt = (f: ReportFacts, at: string) => f.createdAt < at && (f.doneAt === null || f.doneAt >= at);

export function agencyFigures(facts: ReportFacts[], agencies: string[], range: { from: string; to: string }): AgencyFigures[] {
  return agencies.map((agencyId) => {
    const mine = facts.filter((f) => f.agencyId === agencyId);
    const dispatched = mine.filter((f) => inRange(f.firstDispatchedAt, range.from, range.to));
    const fixed = mine.filter((f) => inRange(f.verifiedAt, range.from, range.to) && isFixed(f.status));
    const open = mine.filter((f) => openAt(f, range.to));
    const ages = open.map((f) => (Date.parse(range.to) - Date.parse(f.createdAt)) / DAY);
    const response = dispatched.map((f) => hours(f.createdAt, f.firstDispatchedAt!)).sort((a, b) => a - b);
    const resolution = fixed.map((f) => hours(f.createdAt, f.verifiedAt!)).sort((a, b) => a - b);
    const share = (xs: ReportFacts[], ok: (f: ReportFacts) => boolean) => (xs.length ? Math.round((xs.filter(ok).length / xs.length) * 1000) / 1000 : null);
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
      responseHours: { p50: quantile(response, 0.5), p90: quantile(response, 0.9) },
      resolutionHours: { p50: quantile(resolution, 0.5), p90: quantile(resolution, 0.9) },
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
}

/**
 * The league table: resolution within deadline first, then response within deadline, then the smaller open
 * backlog. Rejecting or closing without proof earns nothing: only verified proof counts as fixed.
 */
export function league(figures: AgencyFigures[]): AgencyFigures[] {
  const score = (x: number | null) => (x === null ? -1 : x);
  return [...figures].sort(
    (a, b) => score(b.resolutionOnTime) - score(a.resolutionOnTime) || score(b.responseOnTime) - score(a.responseOnTime) || a.open - b.open,
  );
}

/** Received and fixed per WIB day of the range. */
export function dailyTrend(facts: ReportFacts[], range: { from: string; to: string }, clock: CityClock): { day: string; received: number; fixed: number }[] {
  const dayOf = (t: number) => localDay(t, clock);
  // Every WIB date the range touches, even when it does not start or end at midnight.
  const days: { day: string; received: number; fixed: number }[] = [];
  const index = new Map<string, number>();
  const last = dayOf(Date.parse(range.to) - 1);
  for (let t = Date.parse(range.from); ; t += DAY) {
    const day = dayOf(t);
    if (day > last) break;
    index.set(day, days.length);
    days.push({ day, received: 0, fixed: 0 });
  }
  for (const f of facts) {
    if (inRange(f.createdAt, range.from, range.to)) days[index.get(dayOf(Date.parse(f.createdAt)))!].received++;
    if (inRange(f.verifiedAt, range.from, range.to) && isFixed(f.status)) days[index.get(dayOf(Date.parse(f.verifiedAt)))!].fixed++;
  }
  return days;
}

export function openByDistrict(facts: ReportFacts[], at: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of facts) if (f.districtCode && openAt(f, at)) out[f.districtCode] = (out[f.districtCode] ?? 0) + 1;
  return out;
}
