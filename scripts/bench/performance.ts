import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../server/store/index.js';
import { loadCity } from '../../server/profile/load.js';
import { lifecycles } from '../../server/testing/lifecycles.js';
import { kinerja, kinerjaRange } from '../../server/queries/kinerja.js';
import { applyEvent, reportFromSubmitted, type ReportEvent, type ReportState } from '../../server/domain/reports.js';
import type { Ctx } from '../../server/commands/context.js';
import { fmt, numericFlags, ratio, summarize, table } from './stats.js';
import { onDatabase, startPostgres } from '../../server/testing/postgres.js';
import { openPgStore } from '../../server/store/pg/index.js';
import { pgStepStore } from '../../server/store/pg/command.js';
import { PgProjector, pgProjections } from '../../server/store/pg/projector.js';

/**
 * A year of a big city's reports (1,000,000 by default) written through the projector as the hub writes them (every
 * SIGAP step an event, in time order, in big transactions), then the kinerja board for the last 1 / 7 / 30 / 365
 * days, timed in alternating rounds beside a bare COUNT(*) over the reports table in the same run.
 * --direct 1: the same events folded in memory by the reports projection's own applyEvent, the report rows written
 * once each, and the rollups and open counts filled from those rows by the path a store takes on its first start
 * after 022 / 027 (tested equal to the projection in rollups.int.test.ts). Minutes instead of half an hour at
 * 1,000,000; no event log is kept, so the file is smaller and its report rows are in id order.
 * --pg 1: the same board on PostgreSQL too (a private cluster, started here): the SQLite store's report, rollup and
 * open-count rows copied into the hub's PostgreSQL schema as they are, then the board read through PostgreSQL's port,
 * timed in the same rounds beside a bare COUNT(*) there.
 */
const flags = numericFlags(
  { reports: 1_000_000, repeats: 7, batch: 20_000, direct: 0, pg: 0 },
  'usage: tsx scripts/bench/performance.ts [--reports 1000000] [--repeats 7] [--batch 20000] [--direct 1] [--pg 1]',
);
const N = Math.floor(flags.reports);
const DAY = 86400_000;
const root = mkdtempSync(join(tmpdir(), 'pantau-bench-perf-'));
const city = loadCity('tangerang');
const store = Store.open(join(root, 'pantau.sqlite'), { clock: city.clock });
// A bulk load's page cache (256 MB; the hub keeps SQLite's default): the indexes of a million reports do not fit in 2 MB.
store.db.pragma('cache_size = -262144');
try {
  const now = Date.parse('2026-11-23T05:00:00Z');
  const t0 = performance.now();
  let events = 0;
  let batch: Parameters<typeof store.projector.append>[0][] = [];
  const flush = () => {
    store.tx(() => batch.forEach((e) => store.projector.append(e)));
    events += batch.length;
    batch = [];
  };
  const history = lifecycles(city, { reports: N, from: now - 365 * DAY, to: now, seed: 7 });
  if (flags.direct) {
    const folded = new Map<number, ReportState>();
    for (const e of history) {
      const event = e as ReportEvent;
      events++;
      folded.set(event.reportId, event.type === 'report.submitted' ? reportFromSubmitted(event, events) : applyEvent(folded.get(event.reportId)!, event, events));
    }
    const rows = [...folded.values()];
    for (let i = 0; i < rows.length; i += flags.batch) store.tx(() => rows.slice(i, i + flags.batch).forEach((r) => store.reports.put(r)));
    store.refillRollups();
    store.refillOpenCounts();
  } else {
    for (const e of history) {
      batch.push(e);
      if (batch.length >= flags.batch) flush();
    }
    flush();
  }
  const seedS = (performance.now() - t0) / 1000;
  store.db.pragma('optimize');
  const size = (t: string) => store.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number;
  const reports = size('reports');
  console.log(
    `performance bench: ${reports.toLocaleString('en')} reports over a year, ` +
      (flags.direct
        ? `${events.toLocaleString('en')} events folded in memory, the report rows written directly and the rollups and open counts filled from them (the first-start path) in ${fmt(seedS)} s; `
        : `${events.toLocaleString('en')} events through the projector in ${fmt(seedS)} s (${Math.round(events / seedS).toLocaleString('en')} events/s, batches of ${flags.batch.toLocaleString('en')}); `) +
      `${size('report_rollups').toLocaleString('en')} rollup rows, ${size('report_rollup_agency_days').toLocaleString('en')} agency days, ${size('report_rollup_agency_months').toLocaleString('en')} agency months, ` +
      `${size("reports WHERE done_at IS NULL").toLocaleString('en')} open (${size('report_open_counts').toLocaleString('en')} open-count rows); file ${fmt(statSync(join(root, 'pantau.sqlite')).size / 1e6, 0)} MB; ${flags.repeats} repeats each\n`,
  );

  const ctx = { store, city, now: () => new Date(now) } as Ctx<Store>;
  const count = store.db.prepare('SELECT COUNT(*) FROM reports').pluck();
  const spans = [1, 7, 30, 365];
  const ranges = spans.map((days) => kinerjaRange(ctx, { days }));
  const year = ranges[3];
  const pg = flags.pg ? await postgresCopy(store) : null;
  // Alternating rounds, so a pause of the (shared) machine falls on each alike.
  const fns: (() => unknown)[] = [
    () => count.get(),
    ...ranges.map((r) => () => kinerja(ctx, r)),
    () => store.rollups.range(year.fromDay, year.toDay),
    () => store.openCounts.read(Date.parse(year.from), Date.parse(year.to), city.clock),
    () => store.stats.openAt(year.from, year.to),
    ...(pg ? [() => pg.pool.query('SELECT COUNT(*) FROM reports'), ...ranges.map((r) => () => kinerja({ ...ctx, store: pg.store }, r))] : []),
  ];
  const xs = fns.map(() => [] as number[]);
  for (let i = 0; i < flags.repeats; i++)
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      xs[k].push(performance.now() - t);
    }
  const [bare, ...rest] = xs.map(summarize);
  const received = await Promise.all(ranges.map(async (r) => (await kinerja(ctx, r)).agencies.reduce((n, a) => n + a.received, 0)));
  const names = [
    ...spans.map((d, i) => `kinerja, last ${d} d (${received[i].toLocaleString('en')} received)`),
    '  of which: the agency rollups of 365 d (months and edge days: sums, histograms)',
    '  of which: open now, from the open counts (365 d)',
    '  (before: open at the end read from the open reports, indexed)',
  ];
  const sqliteRows = rest.slice(0, names.length);
  console.log(
    table(
      ['query (SQLite)', 'p50 ms', 'max ms', 'vs bare COUNT(*)'],
      [['bare SELECT COUNT(*) FROM reports', fmt(bare.p50, 2), fmt(bare.max, 2), ''], ...sqliteRows.map((s, i) => [names[i], fmt(s.p50, 1), fmt(s.max, 1), ratio(s.p50, bare.p50)])],
    ),
  );
  if (pg) {
    const [pgBare, ...pgBoards] = rest.slice(names.length);
    const pgReceived = await Promise.all(ranges.map(async (r) => (await kinerja({ ...ctx, store: pg.store }, r)).agencies.reduce((n, a) => n + a.received, 0)));
    if (pgReceived.some((n, i) => n !== received[i])) throw new Error(`PostgreSQL's board differs from SQLite's: received ${pgReceived} against ${received}`);
    console.log(`\nPostgreSQL (the same rows copied in ${fmt(pg.copyS)} s; the same received counts):`);
    console.log(
      table(
        ['query (PostgreSQL)', 'p50 ms', 'max ms', 'vs bare COUNT(*) there', 'vs SQLite'],
        [
          ['bare SELECT COUNT(*) FROM reports', fmt(pgBare.p50, 2), fmt(pgBare.max, 2), '', ratio(pgBare.p50, bare.p50)],
          ...pgBoards.map((s, i) => [`kinerja, last ${spans[i]} d`, fmt(s.p50, 1), fmt(s.max, 1), ratio(s.p50, pgBare.p50), ratio(s.p50, sqliteRows[i].p50)]),
        ],
      ),
    );
    await pg.close();
  }
  console.log(
    '\nDay sums and histograms come from the rollups (a few rows per city day); open, breached open, backlog and kecamatan from the open counts ' +
      '(per agency and hour / day of receipt: the days without an edge of the range, the hours of the days with one, the reports of the hours with one).',
  );
} finally {
  store.close();
  rmSync(root, { recursive: true, force: true });
}

/**
 * The SQLite store's report, rollup and open-count rows copied into a fresh PostgreSQL database with the hub's schema
 * (a private cluster), in chunks of multi-row INSERTs: the board reads nothing else.
 */
async function postgresCopy(from: Store) {
  const cluster = await startPostgres();
  await onDatabase(cluster.url(), 'CREATE DATABASE perf');
  await onDatabase(cluster.url('perf'), 'CREATE EXTENSION postgis');
  const pg = await openPgStore(cluster.url('perf'), { poolSize: 2 });
  const t0 = performance.now();
  const tables = ['reports', 'report_rollups', 'report_rollup_agency_days', 'report_rollup_agency_months', 'report_open_counts', 'report_open_districts'];
  for (const t of tables) {
    const columns = (from.db.prepare(`SELECT * FROM ${t} LIMIT 1`).columns() as { name: string }[]).map((c) => c.name);
    const chunk = Math.floor(30_000 / columns.length);
    let rows: unknown[][] = [];
    const flush = async () => {
      if (!rows.length) return;
      const values = rows.flat();
      const tuples = rows.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
      await pg.pool.query(`INSERT INTO ${t} (${columns.join(', ')}) VALUES ${tuples}`, values);
      rows = [];
    };
    for (const row of from.db.prepare(`SELECT * FROM ${t}`).raw().iterate() as Iterable<unknown[]>) {
      rows.push(row);
      if (rows.length >= chunk) await flush();
    }
    await flush();
  }
  await pg.pool.query('ANALYZE');
  const copyS = (performance.now() - t0) / 1000;
  const store = pgStepStore(pg, new PgProjector(pg.events, pgProjections(from.clock)));
  return { pool: pg.pool, store, copyS, close: async () => (await pg.close(), await cluster.stop()) };
}
