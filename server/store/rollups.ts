import type { Db } from './db.js';
import { ROLLUP_COUNTS, TIME_BUCKETS, zeroCounts, type RollupChange, type RollupCounts, type RollupRow } from '../domain/rollups.js';
import type { AgencyTimes } from '../domain/stats.js';

const snake = (c: string) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`);
const COLS = ROLLUP_COUNTS.map(snake);
const FINE = ['day', 'agency_id', 'category_id', 'district_code'];
const COARSE = ['day', 'agency_id'];
const TIMES = { response: 'response_times', resolution: 'resolution_times' } as const;

// A histogram as stored: its buckets that hold any, as little-endian uint32 pairs (bucket, count). A day's times fill
// a few dozen of the TIME_BUCKETS, so a year's histograms stay a few MB.
function addStored(into: Uint32Array, b: Buffer): void {
  for (let i = 0; i < b.length; i += 8) into[b.readUInt32LE(i)] += b.readUInt32LE(i + 4);
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

/**
 * The kinerja rollups (migration 022): per day × agency × category × kecamatan, and the same per day × agency with
 * the time histograms, which is what the board reads. projections/rollups.ts writes them, domain/rollups.ts says
 * what they mean.
 */
export class RollupsTable {
  private readonly upsertFine;
  private readonly dropFine;
  private readonly upsertCoarse;
  private readonly dropCoarse;
  private readonly timesOf;
  private readonly putTimes;
  private readonly perAgency;
  private readonly perDay;
  private readonly allFine;
  private readonly allCoarse;
  constructor(private readonly db: Db) {
    this.upsertFine = db.prepare(upsertSql('report_rollups', FINE));
    this.dropFine = db.prepare(zeroSql('report_rollups', FINE));
    this.upsertCoarse = db.prepare(upsertSql('report_rollup_agency_days', COARSE));
    this.dropCoarse = db.prepare(zeroSql('report_rollup_agency_days', COARSE, " AND response_times = x'' AND resolution_times = x''"));
    this.timesOf = db.prepare('SELECT response_times AS response, resolution_times AS resolution FROM report_rollup_agency_days WHERE day = ? AND agency_id = ?');
    this.putTimes = db.prepare('UPDATE report_rollup_agency_days SET response_times = ?, resolution_times = ? WHERE day = ? AND agency_id = ?');
    // Summed in SQL, one row per agency (a row object per day and agency costs more than the sums): the histograms of
    // the range come as one hex string per agency and kind, decoded at once.
    this.perAgency = db.prepare(
      `SELECT agency_id AS agencyId, ${COLS.map((c, i) => `SUM(${c}) AS ${ROLLUP_COUNTS[i]}`).join(', ')},
         group_concat(hex(response_times), '') AS responseTimes, group_concat(hex(resolution_times), '') AS resolutionTimes
       FROM report_rollup_agency_days WHERE day >= ? AND day <= ? GROUP BY agency_id`,
    );
    this.perDay = db.prepare('SELECT day, SUM(received) AS received, SUM(fixed) AS fixed FROM report_rollup_agency_days WHERE day >= ? AND day <= ? GROUP BY day');
    this.allFine = db.prepare(`SELECT 'rollup ' || ${FINE.join(" || ' ' || ")} AS key, ${COLS.join(', ')} FROM report_rollups ORDER BY ${FINE.join(', ')}`);
    this.allCoarse = db.prepare(
      `SELECT 'agency day ' || day || ' ' || agency_id AS key, ${COLS.join(', ')}, hex(response_times) AS response_times, hex(resolution_times) AS resolution_times
       FROM report_rollup_agency_days ORDER BY day, agency_id`,
    );
  }

  /** Adds a change (domain/rollups.ts rollupChange) to both grains and the histograms. Call inside the event's transaction. */
  apply(change: RollupChange): void {
    if (!change.rows.length && !change.times.length) return;
    const coarse = new Map<string, RollupRow>();
    for (const r of change.rows) {
      const key = [r.day, r.agencyId, r.categoryId, r.districtCode ?? ''];
      this.upsertFine.run(...key, ...countsOf(r.counts));
      if (ROLLUP_COUNTS.some((n) => r.counts[n] < 0)) this.dropFine.run(...key);
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
    for (const [k, c] of coarse) {
      this.upsertCoarse.run(c.day, c.agencyId, ...countsOf(c.counts));
      const ts = timed.get(k);
      if (ts) {
        const stored = this.timesOf.get(c.day, c.agencyId) as { response: Buffer; resolution: Buffer };
        const hist = { response: new Uint32Array(TIME_BUCKETS), resolution: new Uint32Array(TIME_BUCKETS) };
        addStored(hist.response, stored.response);
        addStored(hist.resolution, stored.resolution);
        for (const t of ts) hist[t.kind][t.bucket] += t.n;
        this.putTimes.run(encode(hist.response), encode(hist.resolution), c.day, c.agencyId);
      }
      // Only a row that lost something can have come to nothing; a row of zeros is no row (as a fresh fold has it).
      if (ROLLUP_COUNTS.some((n) => c.counts[n] < 0) || ts?.some((t) => t.n < 0)) this.dropCoarse.run(c.day, c.agencyId);
    }
  }

  /** The sums of the city days fromDay…toDay (inclusive) and their histograms, per agency. */
  range(fromDay: string, toDay: string): RangeSums {
    const perAgency = new Map<string, RollupCounts>();
    const times = new Map<string, AgencyTimes>();
    type Row = RollupCounts & { agencyId: string; responseTimes: string | null; resolutionTimes: string | null };
    for (const { agencyId, responseTimes, resolutionTimes, ...counts } of this.perAgency.all(fromDay, toDay) as Row[]) {
      perAgency.set(agencyId, counts);
      const t = { response: new Uint32Array(TIME_BUCKETS), resolution: new Uint32Array(TIME_BUCKETS) };
      addStored(t.response, Buffer.from(responseTimes ?? '', 'hex'));
      addStored(t.resolution, Buffer.from(resolutionTimes ?? '', 'hex'));
      times.set(agencyId, t);
    }
    const perDay = new Map((this.perDay.all(fromDay, toDay) as { day: string; received: number; fixed: number }[]).map(({ day, ...d }) => [day, d]));
    return { perAgency, perDay, times };
  }

  /** Every row the log decides, in a stable order, for the rebuild's comparison. */
  rows(): unknown[] {
    return [...this.allFine.all(), ...this.allCoarse.all()];
  }

  /** Replaces every rollup with another store's (rebuild --write: the rollups are all derived). */
  replaceWith(other: RollupsTable): void {
    this.clear();
    for (const table of ['report_rollups', 'report_rollup_agency_days']) {
      const rows = other.db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      if (!rows.length) continue;
      const cols = Object.keys(rows[0]);
      const insert = this.db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`);
      for (const r of rows) insert.run(r);
    }
  }

  clear(): void {
    this.db.exec('DELETE FROM report_rollups; DELETE FROM report_rollup_agency_days;');
  }
}

const countsOf = (counts: RollupCounts): number[] => ROLLUP_COUNTS.map((c) => counts[c]);
