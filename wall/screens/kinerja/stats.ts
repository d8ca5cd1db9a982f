import type { AgencyFigures } from '../../../server/domain/stats';
import { dayLocal, dayStartLocal } from '../../lib/time';
import type { DataGap } from '../../../server/contract/layouts';
import { ApiError, request } from '../../lib/api';

export type { AgencyFigures };

/** GET /api/stats: the league table (already ranked), the daily trend and open reports per kecamatan. */
export type Stats = {
  range: { from: string; to: string; asOf: string };
  agencies: AgencyFigures[];
  trend: { day: string; received: number; fixed: number }[];
  districts: Record<string, number>;
  /** Periods in the range when no hub was collecting: the trend chart draws a "data gap" band over them. */
  gaps?: DataGap[];
};

export const DEFAULT_DAYS = 7;
const MAX_DAYS = 400;
const DAY_MS = 86_400_000;

/** `?days=30` in the address; the last 7 days otherwise (the wall is unattended: no range switch on screen). */
export function daysFromUrl(search: string = location.search): number {
  const n = Number(new URLSearchParams(search).get('days'));
  return Number.isInteger(n) && n >= 1 && n <= MAX_DAYS ? n : DEFAULT_DAYS;
}

/** The last `days` WIB days up to today, as the hub's `from`/`to`. */
export function rangeFor(days: number, now: Date = new Date()): { from: string; to: string } {
  return { from: dayLocal(now.getTime() - (days - 1) * DAY_MS), to: dayLocal(now) };
}

/** Not paired, or the token was revoked: the screen shows the pairing message instead of stale figures. */
export class Unpaired extends Error {}

export async function fetchStats(token: string, days: number, timeoutMs = 20_000): Promise<Stats> {
  const { from, to } = rangeFor(days);
  // One time limit for both calls: the figures and their gaps come together or not at all.
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const stats = await request<Stats>(`/api/stats?from=${from}&to=${to}`, { token, signal: ctl.signal, timeoutMs: null });
    // The range's first midnight in the city, to the moment the figures are as of.
    const fromIso = new Date(dayStartLocal(stats.range.from)).toISOString();
    stats.gaps = await fetchGaps(token, fromIso, stats.range.asOf, ctl.signal);
    return stats;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) throw new Unpaired(`HTTP ${err.status}`);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** The hub's down periods in the range; none when the hub cannot say (the chart then simply has no band). */
async function fetchGaps(token: string, from: string, to: string, signal: AbortSignal): Promise<DataGap[]> {
  try {
    const url = `/api/stats/gaps?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    return (await request<{ gaps: DataGap[] }>(url, { token, signal, timeoutMs: null })).gaps;
  } catch {
    return [];
  }
}
