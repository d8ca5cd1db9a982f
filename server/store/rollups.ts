import type { Db } from './db.js';
import { ROLLUP_COUNTS, splitRange, TIME_BUCKETS, zeroCounts, type RollupChange, type RollupCounts, type RollupRow } from '../domain/rollups.js';
import type { AgencyTimes } from '../domain/stats.js';
import { now, runNow, type Step } from './step.js';

const snake = (c: string) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`);
/** The count columns, in ROLLUP_COUNTS's order, and the fine rows' key (the same in both stores' tables). */
export const COLS = ROLLUP_COUNTS.map(snake);
export const FINE = ['day', 'agency_id', 'category_id', 'district_code'];
/** The agency grains with histograms: per city day, and the same per city month. */
export const GRAINS = [
  { table: 'report_rollup_agency_days', period: 'day', of: (day: string) => day },
  { table: 'report_rollup_agency_months', period: 'month', of: (day: string) => day.slice(0, 7) },
] as const;

// A histogram as stored: its buckets that hold any, as little-endian uint32 pairs (bucket, count). A day's times fill
// a few dozen of the TIME_BUCKETS, so a year's histograms stay a few MB.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
function addStored(into: Uint32Array, b: Buffer): void {
  if (!LITTLE_ENDIAN) {
    for (let i = 0; i < b.length; i += 8) into[b.readUInt32LE(i)] += b.readUInt32LE(i + 4);
    return;
  }
  // The pairs as a typed view where the blob is 4-byte aligned, of a copy where not (new Uint8Array copies; a
  // Buffer's slice would not): no call per number.
  const pairs = b.byteOffset % 4 === 0 ? new Uint32Array(b.buffer, b.byteOffset, b.length >> 2) : new Uint32Array(new Uint8Array(b).buffer, 0, b.length >> 2);
  for (let i = 0; i < pairs.length; i += 2) into[pairs[i]] += pairs[i + 1];
}
/** A grain row's stored histograms with its changes added, stored again (a grain row's times as both stores keep them). */
export function mergeTimes(stored: { response: Buffer; resolution: Buffer }, times: RollupChange['times']): { response: Buffer; resolution: Buffer } {
  const hist = { response: new Uint32Array(TIME_BUCKETS), resolution: new Uint32Array(TIME_BUCKETS) };
  addStored(hist.response, stored.response);
  addStored(hist.resolution, stored.resolution);
  for (const t of times) hist[t.kind][t.bucket] += t.n;
  return { response: encode(hist.response), resolution: encode(hist.resolution) };
}

function encode(counts: Uint32Array): Buffer {
  let filled = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i]) filled++;
  const b = Buffer.allocUnsafe(filled * 8);
  for (let i = 0, at = 0; i < counts.length; i++)
    if (counts[i]) {
      b.writeUInt32LE(i, at);
      b.writeUInt32LE(counts[i], at + 4);
      at += 8;
    }
  return b;
}

// Positional parameters, key columns first: binding by name costs more than the upsert itself here.
const upsertSql = (table: string, key: string[]) =>
  `INSERT INTO ${table} (${[...key, ...COLS].join(', ')}) VALUES (${[...key, ...COLS].map(() => '?').join(', ')})
   ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${COLS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
const zeroSql = (table: string, key: string[], extra = '') =>
  `DELETE FROM ${table} WHERE ${key.map((k) => `${k} = ?`).join(' AND ')} AND ${COLS.map((c) => `${c} = 0`).join(' AND ')}${extra}`;

export type RangeSums = {
  /** The range's day sums per agency. */
  perAgency: Map<string, RollupCounts>;
  /** Received and fixed per day, every agency together (the trend). */
  perDay: Map<string, { received: number; fixed: number }>;
  times: Map<string, AgencyTimes>;
};

/** One agency grain's statements: its rows per period (a day or a month) and agency, with the two histograms. */
class AgencyGrain {
  readonly upsert;
  readonly drop;
  readonly timesOf;
  readonly putTimes;
  readonly all;
  constructor(db: Db, readonly g: (typeof GRAINS)[number]) {
    const key = [g.period, 'agency_id'];
    this.upsert = db.prepare(upsertSql(g.table, key));
    this.drop = db.prepare(zeroSql(g.table, key, " AND response_times = x'' AND resolution_times = x''"));
    this.timesOf = db.prepare(`SELECT response_times AS response, resolution_times AS resolution FROM ${g.table} WHERE ${g.period} = ? AND agency_id = ?`);
    this.putTimes = db.prepare(`UPDATE ${g.table} SET response_times = ?, resolution_times = ? WHERE ${g.period} = ? AND agency_id = ?`);
    this.all = db.prepare(
      `SELECT 'agency ${g.period} ' || ${g.period} || ' ' || agency_id AS key, ${COLS.join(', ')}, hex(response_times) AS response_times, hex(resolution_times) AS resolution_times
       FROM ${g.table} ORDER BY ${g.period}, agency_id`,
    );
  }

  /** Adds the coarse rows (keyed by day and agency) and their histogram changes to this grain. */
  apply(coarse: Map<string, RollupRow>, timed: Map<string, RollupChange['times']>): void {
    for (const r of grainRows(this.g.of, coarse, timed)) {
      this.upsert.run(r.period, r.agencyId, ...countsOf(r.counts));
      if (r.times.length) {
        const merged = mergeTimes(this.timesOf.get(r.period, r.agencyId) as { response: Buffer; resolution: Buffer }, r.times);
        this.putTimes.run(merged.response, merged.resolution, r.period, r.agencyId);
      }
      if (mayHaveEmptied(r.counts, r.times)) this.drop.run(r.period, r.agencyId);
    }
  }
}

/** Only a row that lost something can have come to nothing; a row of zeros is no row (as a fresh fold has it). */
export const mayHaveEmptied = (counts: RollupCounts, times: RollupChange['times'] = []): boolean =>
  ROLLUP_COUNTS.some((n) => counts[n] < 0) || times.some((t) => t.n < 0);

export type GrainRow = { period: string; agencyId: string; counts: RollupCounts; times: RollupChange['times'] };

/** The coarse rows and their histogram changes summed per period of a grain (`of`: a day's period) and agency. */
export function grainRows(of: (day: string) => string, coarse: Map<string, RollupRow>, timed: Map<string, RollupChange['times']>): Iterable<GrainRow> {
  const rows = new Map<string, GrainRow>();
  for (const [k, c] of coarse) {
    const period = of(c.day);
    const pk = `${period}|${c.agencyId}`;
    const row = rows.get(pk) ?? rows.set(pk, { period, agencyId: c.agencyId, counts: zeroCounts(), times: [] }).get(pk)!;
    for (const n of ROLLUP_COUNTS) row.counts[n] += c.counts[n];
    row.times.push(...(timed.get(k) ?? []));
  }
  return rows.values();
}

/**
 * A change's rows summed per day and agency (the coarse rows the grains are made of, keyed `day|agency`), with its
 * histogram changes under the same keys; a day and agency with times alone gets a coarse row of zeros.
 */
export function coarseOf(change: RollupChange): { coarse: Map<string, RollupRow>; timed: Map<string, RollupChange['times']> } {
  const coarse = new Map<string, RollupRow>();
  for (const r of change.rows) {
    const k = `${r.day}|${r.agencyId}`;
    const c = coarse.get(k) ?? coarse.set(k, { ...r, counts: zeroCounts() }).get(k)!;
    for (const n of ROLLUP_COUNTS) c.counts[n] += r.counts[n];
  }
  const timed = new Map<string, RollupChange['times']>();
  for (const t of change.times) {
    const k = `${t.day}|${t.agencyId}`;
    (timed.get(k) ?? timed.set(k, []).get(k)!).push(t);
    if (!coarse.has(k)) coarse.set(k, { day: t.day, agencyId: t.agencyId, categoryId: '', districtCode: null, counts: zeroCounts() });
  }
  return { coarse, timed };
}

/** A grain row of a range as read: its counts and the two histograms as stored. */
export type AgencyRangeRow = RollupCounts & { agencyId: string; responseTimes: Buffer; resolutionTimes: Buffer };
export type DayRangeRow = { day: string; received: number; fixed: number };
/** The spans of a range (domain/rollups.ts splitRange) as the range read's parameters; an empty span is one no day is in. */
export type RangeSpans = { b0: string; b1: string; a0: string; a1: string; m0: string; m1: string };

/**
 * What rangeStep reads, on either store: the agency rows of the days around the range's whole months and of those
 * months (RollupsTable's statement), and the received and fixed of each day.
 */
export type RangeSource = { agencyRows(spans: RangeSpans): Step<AgencyRangeRow[]>; dayRows(fromDay: string, toDay: string): Step<DayRangeRow[]> };

/** The sums of the city days fromDay…toDay (inclusive) and their histograms, per agency, on either store. */
export function* rangeStep(src: RangeSource, fromDay: string, toDay: string): Step<RangeSums> {
  const perAgency = new Map<string, RollupCounts>();
  const times = new Map<string, { response: Uint32Array; resolution: Uint32Array }>();
  const { months, before, after } = splitRange(fromDay, toDay);
  const none = ['1', '0'];
  const [b0, b1] = before ?? none;
  const [a0, a1] = after ?? none;
  const [m0, m1] = months ?? none;
  for (const { agencyId, responseTimes, resolutionTimes, ...counts } of yield* src.agencyRows({ b0, b1, a0, a1, m0, m1 })) {
    const sum = perAgency.get(agencyId);
    if (sum) for (const n of ROLLUP_COUNTS) sum[n] += counts[n];
    else perAgency.set(agencyId, counts);
    const t = times.get(agencyId) ?? times.set(agencyId, { response: new Uint32Array(TIME_BUCKETS), resolution: new Uint32Array(TIME_BUCKETS) }).get(agencyId)!;
    addStored(t.response, responseTimes);
    addStored(t.resolution, resolutionTimes);
  }
  const perDay = new Map((yield* src.dayRows(fromDay, toDay)).map(({ day, ...d }) => [day, d]));
  return { perAgency, perDay, times };
}

/** The range read's agency rows: `cols` named as AgencyRangeRow, `p` a parameter by its RangeSpans name (SQLite's @x, PostgreSQL's $n). */
export const rangeAgencySql = (p: (name: keyof RangeSpans) => string) => {
  const cols = `agency_id AS "agencyId", ${COLS.map((c, i) => `${c} AS "${ROLLUP_COUNTS[i]}"`).join(', ')}, response_times AS "responseTimes", resolution_times AS "resolutionTimes"`;
  return `SELECT ${cols} FROM report_rollup_agency_days WHERE day >= ${p('b0')} AND day <= ${p('b1')} OR day >= ${p('a0')} AND day <= ${p('a1')}
       UNION ALL
       SELECT ${cols} FROM report_rollup_agency_months WHERE month >= ${p('m0')} AND month <= ${p('m1')}`;
};

/**
 * The kinerja rollups (migrations 022, 027): per day × agency × category × kecamatan, and the same per day × agency
 * and per month × agency with the time histograms, which is what the board reads. projections/rollups.ts writes
 * them, domain/rollups.ts says what they mean.
 */
export class RollupsTable {
  private readonly upsertFine;
  private readonly dropFine;
  private readonly grains;
  private readonly perAgency;
  private readonly perDay;
  private readonly allFine;
  constructor(private readonly db: Db) {
    this.upsertFine = db.prepare(upsertSql('report_rollups', FINE));
    this.dropFine = db.prepare(zeroSql('report_rollups', FINE));
    this.grains = GRAINS.map((g) => new AgencyGrain(db, g));
    // The whole months of the range from the month rows, the days around them from the day rows: a few dozen rows
    // per agency, read as they are (the histograms as blobs) and summed here.
    this.perAgency = db.prepare(rangeAgencySql((name) => `@${name}`));
    this.perDay = db.prepare('SELECT day, SUM(received) AS received, SUM(fixed) AS fixed FROM report_rollup_agency_days WHERE day >= ? AND day <= ? GROUP BY day');
    this.allFine = db.prepare(`SELECT 'rollup ' || ${FINE.join(" || ' ' || ")} AS key, ${COLS.join(', ')} FROM report_rollups ORDER BY ${FINE.join(', ')}`);
  }

  /** Adds a change (domain/rollups.ts rollupChange) to every grain and the histograms. Call inside the event's transaction. */
  apply(change: RollupChange): void {
    if (!change.rows.length && !change.times.length) return;
    for (const r of change.rows) {
      const key = fineKey(r);
      this.upsertFine.run(...key, ...countsOf(r.counts));
      if (mayHaveEmptied(r.counts)) this.dropFine.run(...key);
    }
    const { coarse, timed } = coarseOf(change);
    for (const g of this.grains) g.apply(coarse, timed);
  }

  /** The sums of the city days fromDay…toDay (inclusive) and their histograms, per agency. */
  range(fromDay: string, toDay: string): RangeSums {
    return runNow(rangeStep({ agencyRows: (p) => now(this.perAgency.all(p) as AgencyRangeRow[]), dayRows: (f, t) => now(this.perDay.all(f, t) as DayRangeRow[]) }, fromDay, toDay));
  }

  /** Every row the log decides, in a stable order, for the rebuild's comparison. */
  rows(): unknown[] {
    return [...this.allFine.all(), ...this.grains.flatMap((g) => g.all.all())];
  }

  /** Replaces every rollup with another store's (rebuild --write: the rollups are all derived). */
  replaceWith(other: RollupsTable): void {
    this.clear();
    for (const table of ['report_rollups', ...GRAINS.map((g) => g.table)]) {
      const rows = other.db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      if (!rows.length) continue;
      const cols = Object.keys(rows[0]);
      const insert = this.db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`);
      for (const r of rows) insert.run(r);
    }
  }

  clear(): void {
    this.db.exec(['report_rollups', ...GRAINS.map((g) => g.table)].map((t) => `DELETE FROM ${t};`).join(' '));
  }
}

/** A row's counts in COLS's order, and a fine row's key ('' for no kecamatan: a key column cannot be NULL and conflict). */
export const countsOf = (counts: RollupCounts): number[] => ROLLUP_COUNTS.map((c) => counts[c]);
export const fineKey = (r: RollupRow): string[] => [r.day, r.agencyId, r.categoryId, r.districtCode ?? ''];
