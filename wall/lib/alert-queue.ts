/**
 * The wall's one alert queue: a new critical report, a breached deadline, a camera gone dark. Each alert is shown
 * for `showMs` (the most severe and newest first), then steps aside for the next; one that is still unresolved
 * comes round again after `restMs`, and every alert leaves the moment its cause is resolved (camera back, report
 * handled). At most `max` are held (lowest severity, oldest first to go), so nothing piles up over weeks.
 * Pure: time is passed in, so it is unit-tested without timers.
 */
export type AlertKind = 'critical' | 'breach' | 'camera';
export type Alert = { key: string; kind: AlertKind; title: string; detail: string; since: string };

export type AlertQueueOptions = { showMs: number; restMs: number; max: number };
export const ALERT_DEFAULTS: AlertQueueOptions = { showMs: 12_000, restMs: 5 * 60_000, max: 30 };

const SEVERITY: Record<AlertKind, number> = { camera: 1, breach: 2, critical: 3 };

type Held = Alert & { addedAt: number; shownAt: number | null };
export type AlertQueueState = { held: Held[]; current: string | null; currentUntil: number };

export const emptyAlerts = (): AlertQueueState => ({ held: [], current: null, currentUntil: 0 });

/** Raises an alert (or refreshes the text of one already held, keeping its place). */
export function raise(s: AlertQueueState, a: Alert, now: number, o: AlertQueueOptions = ALERT_DEFAULTS): AlertQueueState {
  const existing = s.held.find((h) => h.key === a.key);
  let held = existing ? s.held.map((h) => (h.key === a.key ? { ...h, ...a } : h)) : [...s.held, { ...a, addedAt: now, shownAt: null }];
  if (held.length > o.max) {
    // The least severe, then the oldest, goes; never the one on screen.
    const victim = [...held].filter((h) => h.key !== s.current).sort((x, y) => SEVERITY[x.kind] - SEVERITY[y.kind] || x.addedAt - y.addedAt)[0];
    held = held.filter((h) => h !== victim);
  }
  return tick({ ...s, held }, now, o);
}

/** Its cause is gone: the alert leaves at once, on screen or waiting. */
export function resolve(s: AlertQueueState, key: string, now: number, o: AlertQueueOptions = ALERT_DEFAULTS): AlertQueueState {
  if (!s.held.some((h) => h.key === key)) return s;
  const held = s.held.filter((h) => h.key !== key);
  return tick({ ...s, held, current: s.current === key ? null : s.current }, now, o);
}

/** Moves time on: the alert on screen steps aside after showMs, and the next due one comes up. */
export function tick(s: AlertQueueState, now: number, o: AlertQueueOptions = ALERT_DEFAULTS): AlertQueueState {
  if (s.current && now < s.currentUntil && s.held.some((h) => h.key === s.current)) return s;
  const due = s.held
    .filter((h) => h.key !== s.current && (h.shownAt === null || now - h.shownAt >= o.restMs))
    .sort((x, y) => SEVERITY[y.kind] - SEVERITY[x.kind] || (x.shownAt ?? -1) - (y.shownAt ?? -1) || y.addedAt - x.addedAt)[0];
  if (!due) return { ...s, current: null, currentUntil: 0 };
  return { held: s.held.map((h) => (h.key === due.key ? { ...h, shownAt: now } : h)), current: due.key, currentUntil: now + o.showMs };
}

export const currentAlert = (s: AlertQueueState): Alert | null => s.held.find((h) => h.key === s.current) ?? null;
/** How many other unresolved alerts there are (shown as "+N"). */
export const othersCount = (s: AlertQueueState) => s.held.length - (s.current ? 1 : 0);
