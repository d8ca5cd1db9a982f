import { AWAITING_RESPONSE, OPEN_STATUSES } from './statuses.js';
import { localDayStartMs, localDay, type CityClock } from './time.js';

/** The room's working calendar, from the city profile: 08:00–18:00 on working days minus holidays, all in the city's own zone. */
export type WorkCalendar = {
  start: string; // "08:00" city time
  end: string; // "18:00" city time
  /** ISO weekdays that are working days: 1 Monday … 7 Sunday. */
  days: number[];
  holidays: string[]; // YYYY-MM-DD, the city's dates
  clock: CityClock;
};

/** A deadline is either clock time (floods and jams do not wait for Monday) or working time. */
export type DeadlineSpec = { hours: number; clock: 'continuous' | 'working' };

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The city's day (as UTC midnight of that date) an instant falls on. */
function cityDay(t: number, cal: WorkCalendar): number {
  return Date.parse(`${localDay(t, cal.clock)}T00:00:00Z`);
}

function isWorkingDay(dayStart: number, cal: WorkCalendar): boolean {
  const d = new Date(dayStart);
  const iso = ((d.getUTCDay() + 6) % 7) + 1;
  return cal.days.includes(iso) && !cal.holidays.includes(d.toISOString().slice(0, 10));
}

/** The working window [open, close) of the city's day dated dayStart, as real instants; null on a day off. */
function window(dayStart: number, cal: WorkCalendar): [number, number] | null {
  if (!isWorkingDay(dayStart, cal)) return null;
  const midnight = localDayStartMs(new Date(dayStart).toISOString().slice(0, 10), cal.clock);
  return [midnight + minutes(cal.start) * 60_000, midnight + minutes(cal.end) * 60_000];
}

/** start + amount of time, counting only working time when the spec says so. */
export function addTime(start: Date, spec: DeadlineSpec, cal: WorkCalendar): Date {
  let left = spec.hours * HOUR;
  if (spec.clock === 'continuous') return new Date(start.getTime() + left);
  let t = start.getTime();
  // A year of days off in a row would be a broken profile; stop rather than loop forever.
  for (let day = cityDay(t, cal), guard = 0; guard < 800; day += DAY, guard++) {
    const w = window(day, cal);
    if (!w) continue;
    const from = Math.max(t, w[0]);
    if (from >= w[1]) continue;
    if (from + left <= w[1]) return new Date(from + left);
    left -= w[1] - from;
    t = w[1];
  }
  throw new Error('working calendar has no working time within two years');
}

/** Working (or clock) time between two instants. */
export function elapsed(from: Date, to: Date, clock: DeadlineSpec['clock'], cal: WorkCalendar): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (clock === 'continuous') return b - a;
  let sum = 0;
  for (let day = cityDay(a, cal); day <= cityDay(b, cal); day += DAY) {
    const w = window(day, cal);
    if (w) sum += Math.max(0, Math.min(b, w[1]) - Math.max(a, w[0]));
  }
  return sum;
}

/** When a reminder goes out: this share of the allotted time used. */
export const REMIND_AT_SHARE = 0.75;

export type Deadlines = {
  responseDueAt: string;
  responseRemindAt: string;
  resolutionDueAt: string;
  resolutionRemindAt: string;
  escalateAt: string;
};

/** The clocks of one report: both start when it is received (and keep running through a reroute or reopening). */
export function deadlinesFor(receivedAt: Date, c: { response: DeadlineSpec; resolution: DeadlineSpec }, cal: WorkCalendar, escalationDays: number): Deadlines {
  const at = (spec: DeadlineSpec, share = 1) => addTime(receivedAt, { ...spec, hours: spec.hours * share }, cal).toISOString();
  return {
    responseDueAt: at(c.response),
    responseRemindAt: at(c.response, REMIND_AT_SHARE),
    resolutionDueAt: at(c.resolution),
    resolutionRemindAt: at(c.resolution, REMIND_AT_SHARE),
    // SP4N-LAPOR: a report not followed up within 60 days escalates to the Ombudsman (calendar days).
    escalateAt: new Date(receivedAt.getTime() + escalationDays * DAY).toISOString(),
  };
}

export type DeadlineFlag = 'response_near' | 'response_breached' | 'resolution_near' | 'resolution_breached' | 'escalated';

type Clocked = { status: string; deadlines: Deadlines | null; deadlineFlags: DeadlineFlag[] };

// The response clock runs until a crew is sent; the resolution clock while the report is open.
const RESPONDING: ReadonlySet<string> = new Set(AWAITING_RESPONSE);
const RESOLVING: ReadonlySet<string> = new Set(OPEN_STATUSES);

/** The checkpoints of a report with the status they apply in, in order. */
function checkpoints(d: Deadlines): [DeadlineFlag, string, ReadonlySet<string>][] {
  return [
    ['response_near', d.responseRemindAt, RESPONDING],
    ['response_breached', d.responseDueAt, RESPONDING],
    ['resolution_near', d.resolutionRemindAt, RESOLVING],
    ['resolution_breached', d.resolutionDueAt, RESOLVING],
    // Not followed up: never dispatched in the escalation period.
    ['escalated', d.escalateAt, RESPONDING],
  ];
}

/** Flags a report has reached by `now` and does not carry yet: the scheduler appends one event for each. */
export function dueFlags(r: Clocked, now: Date): DeadlineFlag[] {
  if (!r.deadlines) return [];
  const t = now.toISOString();
  return checkpoints(r.deadlines)
    .filter(([flag, at, statuses]) => statuses.has(r.status) && at <= t && !r.deadlineFlags.includes(flag))
    .map(([flag]) => flag);
}

/** When the scheduler next needs to look at this report; null when no clock is running. */
export function nextCheckAt(r: Clocked): string | null {
  if (!r.deadlines) return null;
  const pending = checkpoints(r.deadlines)
    .filter(([flag, , statuses]) => statuses.has(r.status) && !r.deadlineFlags.includes(flag))
    .map(([, at]) => at)
    .sort();
  return pending[0] ?? null;
}
