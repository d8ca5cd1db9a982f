import type { AgencyFigures } from '../../../server/domain/stats';
import { dayWib } from '../../lib/time';

export type { AgencyFigures };

/** GET /api/stats: the league table (already ranked), the daily trend and open reports per kecamatan. */
export type Stats = {
  range: { from: string; to: string; asOf: string };
  agencies: AgencyFigures[];
  trend: { day: string; received: number; fixed: number }[];
  districts: Record<string, number>;
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
  return { from: dayWib(now.getTime() - (days - 1) * DAY_MS), to: dayWib(now) };
}

/** Not paired, or the token was revoked: the screen shows the pairing message instead of stale figures. */
export class Unpaired extends Error {}

export async function fetchStats(token: string, days: number, timeoutMs = 20_000): Promise<Stats> {
  const { from, to } = rangeFor(days);
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const res = await fetch(`/api/stats?from=${from}&to=${to}`, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
      signal: ctl.signal,
    });
    if (res.status === 401 || res.status === 403) throw new Unpaired(`HTTP ${res.status}`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as Stats;
  } finally {
    clearTimeout(timer);
  }
}
