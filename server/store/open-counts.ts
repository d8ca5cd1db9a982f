import type { Db } from './db.js';
import { openEdges, openReadPlan, regionOf, spanEnd, type OpenChange, type OpenCounts, type OpenFacts, type OpenRead } from '../domain/open-reports.js';
import type { CityClock } from '../domain/time.js';
import { HAS_BREACH_FLAG_SQL } from './status-sql.js';
import { now, runNow, type Step } from './step.js';

type CountsRow = { agencyId: string } & OpenCounts;
const iso = (ms: number) => new Date(ms).toISOString();

type ReceivedRow = { agencyId: string; createdAt: string; breached: number; reopened: number };
/** The days read's parameters: the five edges (ms) and their city days, and the first day (openReadPlan). */
export type OpenDaysArgs = Record<'e0' | 'e1' | 'e2' | 'e3' | 'e4' | 'd0' | 'd1' | 'd2' | 'd3' | 'd4' | 'first', number>;

/** What openReadStep reads, on either store: OpenCountsTable's statements. */
export type OpenSource = {
  totals(): Step<CountsRow[]>;
  /** The days without an edge, summed per agency and region (how many edges a day is at or after). */
  days(args: OpenDaysArgs): Step<(CountsRow & { region: number })[]>;
  /** The hour cells of [from, to) (ms). */
  hours(from: number, to: number): Step<(CountsRow & { start: number })[]>;
  /** The open reports received in [from, to) (ISO), one by one. */
  received(from: string, to: string): Step<ReceivedRow[]>;
  districts(): Step<OpenRead['districts']>;
  /** The open reports received since `since` (ISO), per kecamatan. */
  lateDistricts(since: string): Step<OpenRead['lateDistricts']>;
};

/** What the as-of figures of [from, to) are made of (domain/open-reports.ts openFiguresOf), on either store. */
export function* openReadStep(src: OpenSource, from: number, to: number, clock: CityClock): Step<OpenRead> {
  const edges = openEdges(from, to);
  const plan = openReadPlan(edges, clock);
  const pad = (xs: number[]) => [0, 1, 2, 3, 4].map((i) => xs[Math.min(i, xs.length - 1)]);
  const e = pad(edges);
  const d = pad(plan.edgeDays);
  const pieces: OpenRead['pieces'] = [];
  const args = { e0: e[0], e1: e[1], e2: e[2], e3: e[3], e4: e[4], d0: d[0], d1: d[1], d2: d[2], d3: d[3], d4: d[4], first: plan.firstDay };
  for (const { agencyId, region, ...counts } of yield* src.days(args)) if (region > 0) pieces.push({ agencyId, region, counts });
  const edgeHours = new Set(plan.edgeHours);
  for (const day of plan.edgeDays)
    for (const { start, agencyId, ...counts } of yield* src.hours(day, spanEnd('day', day))) {
      const region = regionOf(edges, start);
      if (!edgeHours.has(start) && region > 0) pieces.push({ agencyId, region, counts });
    }
  for (const hour of plan.edgeHours)
    for (const r of yield* src.received(iso(hour), iso(spanEnd('hour', hour)))) {
      const region = regionOf(edges, Date.parse(r.createdAt));
      if (region > 0) pieces.push({ agencyId: r.agencyId, region, counts: { open: 1, breached: Number(r.breached), reopened: Number(r.reopened) } });
    }
  return {
    totals: (yield* src.totals()).map(({ agencyId, ...counts }) => ({ agencyId, counts })),
    pieces,
    districts: yield* src.districts(),
    lateDistricts: yield* src.lateDistricts(iso(to)),
  };
}

/**
 * The open reports counted ahead (migration 027): per agency × city hour / city day / 'all' of receipt, and per
 * kecamatan. projections/open-counts.ts writes them, domain/open-reports.ts says what they mean.
 */
export class OpenCountsTable {
  private readonly upsertCell;
  private readonly dropCell;
  private readonly upsertDistrict;
  private readonly dropDistrict;
  private readonly totals;
  private readonly days;
  private readonly hours;
  private readonly received;
  private readonly districts;
  private readonly lateDistricts;
  private readonly openFacts;
  constructor(private readonly db: Db) {
    this.upsertCell = db.prepare(
      `INSERT INTO report_open_counts (span, start, agency_id, open, breached, reopened) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (span, start, agency_id) DO UPDATE SET open = open + excluded.open, breached = breached + excluded.breached, reopened = reopened + excluded.reopened`,
    );
    this.dropCell = db.prepare('DELETE FROM report_open_counts WHERE span = ? AND start = ? AND agency_id = ? AND open = 0 AND breached = 0 AND reopened = 0');
    this.upsertDistrict = db.prepare('INSERT INTO report_open_districts (district_code, open) VALUES (?, ?) ON CONFLICT (district_code) DO UPDATE SET open = open + excluded.open');
    this.dropDistrict = db.prepare('DELETE FROM report_open_districts WHERE district_code = ? AND open = 0');
    this.totals = db.prepare("SELECT agency_id AS agencyId, open, breached, reopened FROM report_open_counts WHERE span = 'all'");
    // The days without an edge, summed per agency and region in SQL (a year is a few thousand rows).
    this.days = db.prepare(
      `SELECT agency_id AS agencyId, (start >= @e0) + (start >= @e1) + (start >= @e2) + (start >= @e3) + (start >= @e4) AS region,
         SUM(open) AS open, SUM(breached) AS breached, SUM(reopened) AS reopened
       FROM report_open_counts WHERE span = 'day' AND start >= @first AND start NOT IN (@d0, @d1, @d2, @d3, @d4) GROUP BY 1, 2`,
    );
    this.hours = db.prepare("SELECT start, agency_id AS agencyId, open, breached, reopened FROM report_open_counts WHERE span = 'hour' AND start >= ? AND start < ?");
    this.received = db.prepare(
      `SELECT agency_id AS agencyId, created_at AS createdAt, ${HAS_BREACH_FLAG_SQL} AS breached, reopen_count > 0 AS reopened
       FROM reports INDEXED BY reports_open_kinerja WHERE done_at IS NULL AND created_at >= ? AND created_at < ?`,
    );
    this.districts = db.prepare('SELECT district_code AS districtCode, open AS n FROM report_open_districts');
    this.lateDistricts = db.prepare(
      `SELECT district_code AS districtCode, COUNT(*) AS n FROM reports INDEXED BY reports_open_kinerja
       WHERE done_at IS NULL AND created_at >= ? AND district_code IS NOT NULL GROUP BY 1`,
    );
    this.openFacts = db.prepare(
      `SELECT agency_id AS agencyId, district_code AS districtCode, created_at AS createdAt, reopen_count AS reopenCount, deadline_flags AS flags
       FROM reports WHERE done_at IS NULL`,
    );
  }

  /** Adds a change (domain/open-reports.ts openChange). Call inside the event's transaction. */
  apply(change: OpenChange): void {
    for (const { span, start, agencyId, counts: c } of change.cells) {
      this.upsertCell.run(span, start, agencyId, c.open, c.breached, c.reopened);
      if (c.open < 0 || c.breached < 0 || c.reopened < 0) this.dropCell.run(span, start, agencyId);
    }
    for (const d of change.districts) {
      this.upsertDistrict.run(d.districtCode, d.n);
      if (d.n < 0) this.dropDistrict.run(d.districtCode);
    }
  }

  /** What the as-of figures of [from, to) are made of (domain/open-reports.ts openFiguresOf), for the reports open now. */
  read(from: number, to: number, clock: CityClock): OpenRead {
    const src: OpenSource = {
      totals: () => now(this.totals.all() as CountsRow[]),
      days: (args) => now(this.days.all(args) as (CountsRow & { region: number })[]),
      hours: (from, to) => now(this.hours.all(from, to) as (CountsRow & { start: number })[]),
      received: (from, to) => now(this.received.all(from, to) as ReceivedRow[]),
      districts: () => now(this.districts.all() as OpenRead['districts']),
      lateDistricts: (since) => now(this.lateDistricts.all(since) as OpenRead['lateDistricts']),
    };
    return runNow(openReadStep(src, from, to, clock));
  }

  /** The open reports' rows, for the counts made again from them. */
  *eachOpen(): Generator<OpenFacts> {
    for (const { flags, ...f } of this.openFacts.iterate() as Iterable<Omit<OpenFacts, 'deadlineFlags' | 'doneAt'> & { flags: string }>)
      yield { ...f, doneAt: null, deadlineFlags: JSON.parse(flags) as string[] } as OpenFacts;
  }

  /** Every row the log decides, in a stable order, for the rebuild's comparison. */
  rows(): unknown[] {
    return [
      ...this.db.prepare("SELECT 'open ' || span || ' ' || start || ' ' || agency_id AS key, open, breached, reopened FROM report_open_counts ORDER BY span, start, agency_id").all(),
      ...this.db.prepare("SELECT 'open kecamatan ' || district_code AS key, open FROM report_open_districts ORDER BY district_code").all(),
    ];
  }

  /** Replaces every count with another store's (rebuild --write: they are all derived). */
  replaceWith(other: OpenCountsTable): void {
    this.clear();
    this.apply({
      cells: (other.db.prepare('SELECT span, start, agency_id AS agencyId, open, breached, reopened FROM report_open_counts').all() as (CountsRow & { span: 'all'; start: number })[]).map(
        ({ span, start, agencyId, ...counts }) => ({ span, start, agencyId, counts }),
      ),
      districts: other.db.prepare('SELECT district_code AS districtCode, open AS n FROM report_open_districts').all() as OpenChange['districts'],
    });
  }

  clear(): void {
    this.db.exec('DELETE FROM report_open_counts; DELETE FROM report_open_districts;');
  }
}
