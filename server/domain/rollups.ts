import type { ReportState } from './reports.js';
import type { Deadlines } from './deadlines.js';
import { isFixed } from './statuses.js';
import { localDay, type CityClock } from './time.js';

/**
 * The day rollups kinerja is read from. A report adds to the rows of the city days its moments fall on (received on
 * its receipt's day, dispatched on its first dispatch's, fixed on its verification's, rejected or merged on the day it
 * left the queue), under its agency, category and kecamatan as they stand now. So the rollups are a function of the
 * reports' current rows: an event changes them by what the report adds after it minus what it added before, which is
 * how a reopened report stops counting as fixed on the day it was verified, and a rerouted one moves to its new agency.
 */
export const ROLLUP_COUNTS = [
  'received', 'reopened', 'dispatched', 'dispatchedInTime', 'returnedProofs', 'fixed', 'fixedInTime', 'rejected', 'merged', 'responseMs', 'resolutionMs',
] as const;
export type RollupCount = (typeof ROLLUP_COUNTS)[number];
/**
 * One row's figures. `reopened`: received that day and reopened since; `dispatchedInTime` / `fixedInTime`: within the
 * response / resolution deadline (the breached ones are the rest); `returnedProofs`: proofs sent back, on the day of
 * the first dispatch; `responseMs` / `resolutionMs`: the sums of the times (receipt to first dispatch / to verification).
 */
export type RollupCounts = Record<RollupCount, number>;
export type RollupKey = { day: string; agencyId: string; categoryId: string; districtCode: string | null };
export type RollupRow = RollupKey & { counts: RollupCounts };

export type TimeKind = 'response' | 'resolution';
/** One change to a day's histogram of response or resolution times, per agency (what the league reads). */
export type TimeChange = { day: string; agencyId: string; kind: TimeKind; bucket: number; n: number };

/** What a report's row carries that the rollups read. */
export type RollupFacts = Pick<
  ReportState,
  'agencyId' | 'categoryId' | 'districtCode' | 'status' | 'createdAt' | 'firstDispatchedAt' | 'verifiedAt' | 'doneAt' | 'reopenCount' | 'returnCount'
> & { deadlines: Pick<Deadlines, 'responseDueAt' | 'resolutionDueAt'> | null };

const HOUR = 3600_000;

/*
 * The histogram: every time is kept to two significant figures. Buckets of 0.1 h below 10 h, 1 h below 100 h, 10 h
 * below 1,000 h and 100 h below 10,000 h (416 days); longer times share the last bucket, read as 10,000 h.
 */
const DECADES = [
  { from: 0, step: HOUR / 10 },
  { from: 10 * HOUR, step: HOUR },
  { from: 100 * HOUR, step: 10 * HOUR },
  { from: 1000 * HOUR, step: 100 * HOUR },
] as const;
const PER_DECADE = [100, 90, 90, 90];
const FIRST = [0, 100, 190, 280];
export const TIME_BUCKETS = 371;
const LAST = TIME_BUCKETS - 1;

/** The bucket a time (ms) falls in; integer arithmetic, so a bucket's edge never wobbles with floating point. */
export function timeBucket(ms: number): number {
  if (ms <= 0) return 0;
  for (let d = DECADES.length - 1; d >= 0; d--)
    if (ms >= DECADES[d].from) return Math.min(FIRST[d] + Math.floor((ms - DECADES[d].from) / DECADES[d].step), d === DECADES.length - 1 ? LAST : FIRST[d] + PER_DECADE[d] - 1);
  return 0;
}

/** What a bucket stands for, in hours: its middle (the last, open-ended one: its lower edge). */
export function bucketHours(b: number): number {
  if (b >= LAST) return 10_000;
  let d = DECADES.length - 1;
  while (FIRST[d] > b) d--;
  return (DECADES[d].from + (b - FIRST[d] + 0.5) * DECADES[d].step) / HOUR;
}

/** Hours as precise as the histogram knows them: 0.1 h below 10 h, two significant figures above. */
export const roundHours = (h: number): number => (h < 10 ? Math.round(h * 10) / 10 : Number(h.toPrecision(2)));

/**
 * A quantile of the times a histogram holds, the way an exact one is taken from sorted times (interpolating between
 * the two nearest), with each time read as its bucket's middle. So before rounding it is within half a bucket of
 * the exact figure (of the wider bucket, when it interpolates between two): 0.05 h below 10 h, 0.5 h below 100 h,
 * 5 h below 1,000 h; then it is rounded as roundHours, which is how the screens and the CSV show it.
 */
export function histogramQuantile(counts: ArrayLike<number>, q: number): number | null {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i];
  if (!n) return null;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const at = (k: number) => {
    let seen = 0;
    for (let i = 0; i < counts.length; i++) if ((seen += counts[i]) > k) return bucketHours(i);
    return bucketHours(counts.length - 1);
  };
  const a = at(lo);
  return roundHours(a + (at(hi) - a) * (pos - lo));
}

export const zeroCounts = (): RollupCounts => Object.fromEntries(ROLLUP_COUNTS.map((c) => [c, 0])) as RollupCounts;
// A city day's name, once per day and zone: every event names two or three (before and after), and the ISO
// formatting is most of what folding one costs here.
const dayNames = new Map<number, string>();
function dayOf(at: string, clock: CityClock): string {
  const n = Math.floor((Date.parse(at) + clock.offsetMs) / 86400_000) * 86400_000 - clock.offsetMs;
  let name = dayNames.get(n);
  if (name === undefined) dayNames.set(n, (name = localDay(n, clock)));
  return name;
}
const keyOf = (k: RollupKey) => `${k.day}|${k.agencyId}|${k.categoryId}|${k.districtCode ?? ''}`;

/** What one report adds to the rollups, as its row stands. */
function contributions(r: RollupFacts, clock: CityClock, sign: 1 | -1, rows: Map<string, RollupRow>, times: Map<string, TimeChange>) {
  const add = (at: string, counts: Partial<RollupCounts>) => {
    const key: RollupKey = { day: dayOf(at, clock), agencyId: r.agencyId, categoryId: r.categoryId, districtCode: r.districtCode };
    const k = keyOf(key);
    const row = rows.get(k) ?? rows.set(k, { ...key, counts: zeroCounts() }).get(k)!;
    for (const [c, v] of Object.entries(counts) as [RollupCount, number][]) row.counts[c] += sign * v;
  };
  const time = (at: string, kind: TimeKind, ms: number) => {
    const t: TimeChange = { day: dayOf(at, clock), agencyId: r.agencyId, kind, bucket: timeBucket(ms), n: 0 };
    const k = `${t.day}|${t.agencyId}|${kind}|${t.bucket}`;
    (times.get(k) ?? times.set(k, t).get(k)!).n += sign;
  };
  const created = Date.parse(r.createdAt);
  add(r.createdAt, { received: 1, reopened: r.reopenCount > 0 ? 1 : 0 });
  if (r.firstDispatchedAt) {
    const ms = Date.parse(r.firstDispatchedAt) - created;
    const due = r.deadlines?.responseDueAt ?? null;
    add(r.firstDispatchedAt, { dispatched: 1, dispatchedInTime: due === null || r.firstDispatchedAt <= due ? 1 : 0, returnedProofs: r.returnCount, responseMs: ms });
    time(r.firstDispatchedAt, 'response', ms);
  }
  if (r.verifiedAt && isFixed(r.status)) {
    const ms = Date.parse(r.verifiedAt) - created;
    const due = r.deadlines?.resolutionDueAt ?? null;
    add(r.verifiedAt, { fixed: 1, fixedInTime: due === null || r.verifiedAt <= due ? 1 : 0, resolutionMs: ms });
    time(r.verifiedAt, 'resolution', ms);
  }
  if (r.doneAt && r.status === 'rejected') add(r.doneAt, { rejected: 1 });
  if (r.doneAt && r.status === 'merged') add(r.doneAt, { merged: 1 });
}

/**
 * How an event changes the rollups: what the report adds after it minus what it added before (null: it did not exist).
 * Rows and histogram buckets that come out unchanged are left out, so most events touch one row.
 */
export function rollupChange(before: RollupFacts | null, after: RollupFacts | null, clock: CityClock): RollupChange {
  // Most events (checked, accepted, a proof sent, a note, a flag, closed) move no figure: known without folding either.
  if (before && after && sameFigures(before, after)) return { rows: [], times: [] };
  const rows = new Map<string, RollupRow>();
  const times = new Map<string, TimeChange>();
  if (before) contributions(before, clock, -1, rows, times);
  if (after) contributions(after, clock, 1, rows, times);
  return nonZero(rows, times);
}

/** Whether two states of a report add the same to the rollups: every field contributions reads, as it reads it. */
function sameFigures(a: RollupFacts, b: RollupFacts): boolean {
  const counted = (r: RollupFacts) => (isFixed(r.status) ? 'fixed' : r.status === 'rejected' || r.status === 'merged' ? r.status : '');
  return (
    a.agencyId === b.agencyId && a.categoryId === b.categoryId && a.districtCode === b.districtCode && a.createdAt === b.createdAt &&
    a.firstDispatchedAt === b.firstDispatchedAt && a.verifiedAt === b.verifiedAt && a.doneAt === b.doneAt && counted(a) === counted(b) &&
    a.reopenCount > 0 === b.reopenCount > 0 && a.returnCount === b.returnCount &&
    a.deadlines?.responseDueAt === b.deadlines?.responseDueAt && a.deadlines?.resolutionDueAt === b.deadlines?.resolutionDueAt
  );
}

/** The rollups of many reports at once: what a store that had reports before the rollups existed starts from. */
export function rollupsOf(reports: Iterable<RollupFacts>, clock: CityClock): RollupChange {
  const rows = new Map<string, RollupRow>();
  const times = new Map<string, TimeChange>();
  for (const r of reports) contributions(r, clock, 1, rows, times);
  return nonZero(rows, times);
}

export type RollupChange = { rows: RollupRow[]; times: TimeChange[] };

function nonZero(rows: Map<string, RollupRow>, times: Map<string, TimeChange>): RollupChange {
  return {
    rows: [...rows.values()].filter((r) => ROLLUP_COUNTS.some((c) => r.counts[c] !== 0)),
    times: [...times.values()].filter((t) => t.n !== 0),
  };
}

/**
 * How a range of city days fromDay…toDay (inclusive, 'YYYY-MM-DD') is read: the whole city months inside it from the
 * month rows ('YYYY-MM', first…last; null: none), the days before and after them from the day rows (each an
 * inclusive span, or null). A year is then a dozen month rows and a month's worth of day rows per agency.
 */
export type RangeSplit = { months: [string, string] | null; before: [string, string] | null; after: [string, string] | null };

const nextDay = (day: string, by: number) => new Date(Date.parse(`${day}T00:00:00Z`) + by * 86400_000).toISOString().slice(0, 10);
const monthEnd = (month: string) => nextDay(`${nextMonth(month)}-01`, -1);
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function splitRange(fromDay: string, toDay: string): RangeSplit {
  if (fromDay > toDay) return { months: null, before: null, after: null };
  // The first month that starts on or after fromDay, the last that ends on or before toDay.
  const first = fromDay.endsWith('-01') ? fromDay.slice(0, 7) : nextMonth(fromDay.slice(0, 7));
  const lastEnds = monthEnd(toDay.slice(0, 7)) === toDay;
  let last = toDay.slice(0, 7);
  if (!lastEnds) {
    const [y, m] = last.split('-').map(Number);
    last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  }
  if (first > last) return { months: null, before: [fromDay, toDay], after: null };
  const firstDay = `${first}-01`;
  const lastDay = monthEnd(last);
  return {
    months: [first, last],
    before: fromDay < firstDay ? [fromDay, nextDay(firstDay, -1)] : null,
    after: toDay > lastDay ? [nextDay(lastDay, 1), toDay] : null,
  };
}
