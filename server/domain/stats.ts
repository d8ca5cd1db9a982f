import { histogramQuantile, type RollupCounts } from './rollups.js';
import { localDay, type CityClock } from './time.js';
import type { OpenFigures } from './open-reports.js';

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
  /** Medians and p90 from the rollups' histograms: 0.1 h below 10 h, two significant figures above (domain/rollups.ts). */
  responseHours: { p50: number | null; p90: number | null };
  resolutionHours: { p50: number | null; p90: number | null };
  /** Share dispatched within the response deadline / fixed within the resolution deadline, of those in the range. */
  responseOnTime: number | null;
  resolutionOnTime: number | null;
  backlog: { upTo1d: number; d1to3: number; d3to7: number; over7d: number };
};

/**
 * The reports open at the range's end (received before it, not done by then; a reopened report is open again),
 * counted by agency, kecamatan, age class (0: up to a day old, 1: up to 3 days, 2: up to 7, 3: older), whether a
 * deadline was breached, and whether it was reopened and received before the range.
 */
export type OpenGroup = { agencyId: string; districtCode: string | null; age: 0 | 1 | 2 | 3; breached: boolean; reopenedBefore: boolean; n: number };

/** One agency's histograms over the range: counts per bucket (domain/rollups.ts). */
export type AgencyTimes = { response: ArrayLike<number>; resolution: ArrayLike<number> };

const DAY = 86400_000;

/** The receipt times an open report's age class changes at: its class is how many of these it was received before. */
/** The backlog's age classes, in days: received more than 7, 3 or 1 days before the range's end. */
export const BACKLOG_AGE_DAYS = [7, 3, 1] as const;
export const backlogEdges = (to: string): string[] => BACKLOG_AGE_DAYS.map((d) => new Date(Date.parse(to) - d * DAY).toISOString());

const share = (ok: number, n: number) => (n ? Math.round((ok / n) * 1000) / 1000 : null);

/** Every agency's figures: the range's day sums (rollups), its time histograms, and what was open at its end. */
export function agencyFigures(agencies: string[], sums: Map<string, RollupCounts>, times: Map<string, AgencyTimes>, open: OpenFigures): AgencyFigures[] {
  return agencies.map((agencyId) => {
    const s = sums.get(agencyId);
    const t = times.get(agencyId);
    const o = open.agencies.get(agencyId) ?? { open: 0, breached: 0, reopenedBefore: 0, backlog: [0, 0, 0, 0] };
    return {
      agencyId,
      open: o.open,
      breachedOpen: o.breached,
      received: s?.received ?? 0,
      dispatched: s?.dispatched ?? 0,
      fixed: s?.fixed ?? 0,
      rejected: s?.rejected ?? 0,
      merged: s?.merged ?? 0,
      // Reopened: received in the range and reopened since, or reopened and still open at its end.
      reopened: (s?.reopened ?? 0) + o.reopenedBefore,
      returnedProofs: s?.returnedProofs ?? 0,
      responseHours: { p50: t ? histogramQuantile(t.response, 0.5) : null, p90: t ? histogramQuantile(t.response, 0.9) : null },
      resolutionHours: { p50: t ? histogramQuantile(t.resolution, 0.5) : null, p90: t ? histogramQuantile(t.resolution, 0.9) : null },
      responseOnTime: share(s?.dispatchedInTime ?? 0, s?.dispatched ?? 0),
      resolutionOnTime: share(s?.fixedInTime ?? 0, s?.fixed ?? 0),
      backlog: { upTo1d: o.backlog[0], d1to3: o.backlog[1], d3to7: o.backlog[2], over7d: o.backlog[3] },
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

/** Every city day the range touches, even when it does not start or end at midnight. */
export function rangeDays(range: { from: string; to: string }, clock: CityClock): string[] {
  const days: string[] = [];
  const last = localDay(Date.parse(range.to) - 1, clock);
  for (let t = Date.parse(range.from); ; t += DAY) {
    const day = localDay(t, clock);
    if (day > last) break;
    days.push(day);
  }
  return days;
}

/** Received and fixed per city day of the range, from the day sums (a day with none is a zero, not a gap). */
export function dailyTrend(perDay: Map<string, { received: number; fixed: number }>, range: { from: string; to: string }, clock: CityClock) {
  return rangeDays(range, clock).map((day) => ({ day, received: perDay.get(day)?.received ?? 0, fixed: perDay.get(day)?.fixed ?? 0 }));
}
