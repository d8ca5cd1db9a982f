// No zod and no DOM here: the wall, the console and the hub (a display layout's per-view window) share these.
import type { Phase } from './phase.js';

/** How far back a map view looks: reports received in the last hour, 6 hours, day or week. */
export type TimeWindow = '1h' | '6h' | '24h' | '7d';
export const TIME_WINDOWS: readonly TimeWindow[] = ['1h', '6h', '24h', '7d'];

const HOUR = 3600_000;
export const WINDOW_MS: Record<TimeWindow, number> = { '1h': HOUR, '6h': 6 * HOUR, '24h': 24 * HOUR, '7d': 7 * 24 * HOUR };

export const isTimeWindow = (v: unknown): v is TimeWindow => typeof v === 'string' && (TIME_WINDOWS as readonly string[]).includes(v);

/**
 * A window from a URL parameter or a layout: '6h', '6j' (jam) or '7h' (hari) as people type them, or
 * null for "the whole city" (absent, empty, 'semua'/'all', or anything unknown — a wall with a typo still shows everything).
 */
export function parseTimeWindow(raw: string | null | undefined): TimeWindow | null {
  if (!raw) return null;
  const v = raw.trim().toLowerCase();
  if (isTimeWindow(v)) return v;
  const alias: Record<string, TimeWindow> = { '1j': '1h', '6j': '6h', '24j': '24h', '1d': '24h', '1hr': '24h', '7hr': '7d', '7hari': '7d', '1w': '7d', '1m': '7d' };
  return alias[v] ?? null;
}

/** The earliest creation time (ms since epoch) a report may have to be shown; -Infinity with no window. */
export function windowStart(window: TimeWindow | null, now: number): number {
  return window ? now - WINDOW_MS[window] : -Infinity;
}

/** Whether a report created at `createdAt` (ISO) is in the window ending now. Future times (a skewed clock) count as in. */
export function inWindow(createdAt: string, window: TimeWindow | null, now: number): boolean {
  if (!window) return true;
  return Date.parse(createdAt) >= now - WINDOW_MS[window];
}

export type WindowCounts = { counts: Record<Phase, number>; breached: number };

/** The header's figures over exactly the markers the window shows, so the counts and the map agree. */
export function countInWindow(
  markers: Iterable<{ phase: Phase; createdAt: string; breached: boolean }>,
  window: TimeWindow | null,
  now: number,
): WindowCounts {
  const counts: Record<Phase, number> = { red: 0, yellow: 0, green: 0, grey: 0 };
  let breached = 0;
  const from = windowStart(window, now);
  for (const m of markers) {
    if (window && Date.parse(m.createdAt) < from) continue;
    counts[m.phase]++;
    // The hub decided breached (domain/statuses.ts isBreached: open and past a deadline); screens only count it.
    if (m.breached) breached++;
  }
  return { counts, breached };
}
