import type { ReportState } from './reports.js';
import { hasBreachFlag } from './statuses.js';
import { BACKLOG_AGE_DAYS } from './stats.js';
import type { CityClock } from './time.js';

/**
 * The open reports counted ahead (migration 027), so kinerja's as-of-now figures are sums over a few hundred rows
 * instead of a read of every open report. An open report (not done) counts once in its agency's row of each span
 * its receipt falls in: the city hour, the city day, and 'all' (start 0); and once under its kecamatan. A row holds
 * how many are open, how many of those have a breach flag, and how many were reopened. Like the day rollups, these
 * are a function of the reports' rows: an event changes them by what its report adds after it minus before.
 */
export type OpenSpan = 'all' | 'day' | 'hour';
export type OpenCounts = { open: number; breached: number; reopened: number };
export type OpenCell = { span: OpenSpan; start: number; agencyId: string; counts: OpenCounts };
export type OpenChange = { cells: OpenCell[]; districts: { districtCode: string; n: number }[] };

/** What a report's row carries that the open counts read. */
export type OpenFacts = Pick<ReportState, 'agencyId' | 'districtCode' | 'createdAt' | 'doneAt' | 'reopenCount' | 'deadlineFlags'>;

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Where the city hour / day that `t` (ms) falls in starts, in ms (city days start at the zone's midnight). */
export function spanStart(span: OpenSpan, t: number, clock: CityClock): number {
  if (span === 'all') return 0;
  const size = span === 'day' ? DAY : HOUR;
  return Math.floor((t + clock.offsetMs) / size) * size - clock.offsetMs;
}
export const spanEnd = (span: 'day' | 'hour', start: number): number => start + (span === 'day' ? DAY : HOUR);

function add(r: OpenFacts, sign: 1 | -1, clock: CityClock, cells: Map<string, OpenCell>, districts: Map<string, number>) {
  if (r.doneAt !== null) return;
  const t = Date.parse(r.createdAt);
  const breached = hasBreachFlag(r.deadlineFlags) ? sign : 0;
  const reopened = r.reopenCount > 0 ? sign : 0;
  for (const span of ['all', 'day', 'hour'] as const) {
    const start = spanStart(span, t, clock);
    const k = `${span}|${start}|${r.agencyId}`;
    const c = cells.get(k) ?? cells.set(k, { span, start, agencyId: r.agencyId, counts: { open: 0, breached: 0, reopened: 0 } }).get(k)!;
    c.counts.open += sign;
    c.counts.breached += breached;
    c.counts.reopened += reopened;
  }
  if (r.districtCode) districts.set(r.districtCode, (districts.get(r.districtCode) ?? 0) + sign);
}

function nonZero(cells: Map<string, OpenCell>, districts: Map<string, number>): OpenChange {
  return {
    cells: [...cells.values()].filter((c) => c.counts.open || c.counts.breached || c.counts.reopened),
    districts: [...districts].filter(([, n]) => n !== 0).map(([districtCode, n]) => ({ districtCode, n })),
  };
}

/** How an event changes the open counts: its report's part after it minus before (null: it did not exist). */
export function openChange(before: OpenFacts | null, after: OpenFacts | null, clock: CityClock): OpenChange {
  if (before && after && sameOpenFigures(before, after)) return { cells: [], districts: [] };
  const cells = new Map<string, OpenCell>();
  const districts = new Map<string, number>();
  if (before) add(before, -1, clock, cells, districts);
  if (after) add(after, 1, clock, cells, districts);
  return nonZero(cells, districts);
}

function sameOpenFigures(a: OpenFacts, b: OpenFacts): boolean {
  const done = (r: OpenFacts) => r.doneAt !== null;
  if (done(a) && done(b)) return true;
  return (
    done(a) === done(b) && a.agencyId === b.agencyId && a.districtCode === b.districtCode && a.createdAt === b.createdAt &&
    a.reopenCount > 0 === b.reopenCount > 0 && hasBreachFlag(a.deadlineFlags) === hasBreachFlag(b.deadlineFlags)
  );
}

/** The open counts of many reports at once (a store's first start after 027). */
export function openCountsOf(reports: Iterable<OpenFacts>, clock: CityClock): OpenChange {
  const cells = new Map<string, OpenCell>();
  const districts = new Map<string, number>();
  for (const r of reports) add(r, 1, clock, cells, districts);
  return nonZero(cells, districts);
}

/**
 * The moments kinerja's as-of figures change class at, for a range [from, to): `from` (a report received before it
 * and reopened counts as reopened), to − 7, 3 and 1 days (its backlog age class) and `to` (received after: not
 * counted). Ascending; a receipt time's region is how many of them it is at or after (0 … 5, 5 not counted).
 */
export function openEdges(from: number, to: number): number[] {
  return [from, ...BACKLOG_AGE_DAYS.map((d) => to - d * DAY), to].sort((a, b) => a - b);
}
export const regionOf = (edges: number[], t: number): number => edges.reduce((n, e) => n + (t >= e ? 1 : 0), 0);

/** What a region of openEdges means: the backlog age class (0: up to a day old … 3: older than 7 days) and "before the range". */
export function regionClass(edges: number[], region: number, from: number, to: number): { age: 0 | 1 | 2 | 3; beforeRange: boolean } | null {
  if (region >= edges.length) return null;
  // Any receipt time inside the region stands for all of it: the region starts at edges[region - 1] (or long before).
  const t = region === 0 ? -Infinity : edges[region - 1];
  const age = BACKLOG_AGE_DAYS.reduce<number>((n, d) => n + (t < to - d * DAY ? 1 : 0), 0) as 0 | 1 | 2 | 3;
  return { age, beforeRange: t < from };
}

/** The open figures of one agency: kinerja's open, breached open, reopened still open (received before the range), backlog. */
export type AgencyOpen = { open: number; breached: number; reopenedBefore: number; backlog: [number, number, number, number] };
export type OpenFigures = { agencies: Map<string, AgencyOpen>; districts: Record<string, number> };

export const noOpenFigures = (): OpenFigures => ({ agencies: new Map(), districts: {} });

/** Adds `counts` of open reports of one agency, received in a region of one class, to the figures. */
export function addOpen(into: OpenFigures, agencyId: string, cls: { age: 0 | 1 | 2 | 3; beforeRange: boolean }, counts: OpenCounts): void {
  const a = into.agencies.get(agencyId) ?? into.agencies.set(agencyId, { open: 0, breached: 0, reopenedBefore: 0, backlog: [0, 0, 0, 0] }).get(agencyId)!;
  a.open += counts.open;
  a.breached += counts.breached;
  if (cls.beforeRange) a.reopenedBefore += counts.reopened;
  a.backlog[cls.age] += counts.open;
}

export function addDistrict(into: OpenFigures, districtCode: string | null, n: number): void {
  if (districtCode && n) into.districts[districtCode] = (into.districts[districtCode] ?? 0) + n;
}

/**
 * The hours and days a range's as-of figures are read from. A day with no edge in it is one row per agency; a day
 * with one is read by its hours, and an hour with an edge in it from the reports received in it. What was received
 * before the oldest edge's day is the 'all' row less all the rest.
 */
export function openReadPlan(edges: number[], clock: CityClock) {
  const edgeDays = [...new Set(edges.map((e) => spanStart('day', e, clock)))];
  const edgeHours = [...new Set(edges.map((e) => spanStart('hour', e, clock)))];
  return { firstDay: edgeDays[0], edgeDays, edgeHours };
}

/** What the store reads for a range's as-of figures (openReadPlan): the 'all' rows, and the counts by region read. */
export type OpenRead = {
  totals: { agencyId: string; counts: OpenCounts }[];
  /** Regions ≥ 1 of openEdges (the region before the oldest edge is the totals less these). */
  pieces: { agencyId: string; region: number; counts: OpenCounts }[];
  districts: { districtCode: string; n: number }[];
  /** Open reports received at or after the range's end, per kecamatan (not counted there). */
  lateDistricts: { districtCode: string; n: number }[];
};

/** The as-of figures of the reports open now (not done), received before `to`. */
export function openFiguresOf(read: OpenRead, from: number, to: number): OpenFigures {
  const edges = openEdges(from, to);
  const out = noOpenFigures();
  const rest = new Map(read.totals.map((t) => [t.agencyId, { ...t.counts }]));
  for (const p of read.pieces) {
    const r = rest.get(p.agencyId) ?? rest.set(p.agencyId, { open: 0, breached: 0, reopened: 0 }).get(p.agencyId)!;
    r.open -= p.counts.open;
    r.breached -= p.counts.breached;
    r.reopened -= p.counts.reopened;
    const cls = regionClass(edges, p.region, from, to);
    if (cls) addOpen(out, p.agencyId, cls, p.counts);
  }
  for (const [agencyId, counts] of rest) addOpen(out, agencyId, regionClass(edges, 0, from, to)!, counts);
  for (const d of read.districts) addDistrict(out, d.districtCode, d.n);
  for (const d of read.lateDistricts) addDistrict(out, d.districtCode, -d.n);
  for (const [code, n] of Object.entries(out.districts)) if (!n) delete out.districts[code];
  return out;
}

/**
 * Adds open reports counted report by report (a range that ended in the past reads them from the reports: what was
 * open then; a range to now adds those done since it ended, none unless a clock runs behind).
 */
export function addOpenGroups(into: OpenFigures, groups: { agencyId: string; districtCode: string | null; age: 0 | 1 | 2 | 3; breached: boolean; reopenedBefore: boolean; n: number }[]): OpenFigures {
  for (const g of groups) {
    addOpen(into, g.agencyId, { age: g.age, beforeRange: g.reopenedBefore }, { open: g.n, breached: g.breached ? g.n : 0, reopened: g.reopenedBefore ? g.n : 0 });
    addDistrict(into, g.districtCode, g.n);
  }
  return into;
}
