import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { openDb, openDbReadOnly } from '../server/store/db.js';
import { EventLog } from '../server/store/events.js';
import { readOnlyProjections, Store } from '../server/store/index.js';
import { openPgStore } from '../server/store/pg/index.js';
import { PgProjector, pgProjections } from '../server/store/pg/projector.js';
import { loadConfig } from '../server/config.js';
import { oneCityConfig } from '../server/installation.js';
import { loadCity } from '../server/profile/load.js';
import { DivergedLogError, replayIntoPg } from '../server/store/pg/replay.js';
import { pgDifferences, type PgDifference } from '../server/store/pg/compare.js';
import { copyCameraSources, copyOperationalRows } from '../server/store/pg/copy-rows.js';
import type { CityClock } from '../server/domain/time.js';

/**
 * npm run migrate:pg -- <data/pantau.sqlite> [--url postgres://…] [--batch 1000]
 * Copies a SQLite city's event log into PostgreSQL (PANTAU_DATABASE_URL, or --url), seq for seq, and fills the
 * projections ported to PostgreSQL by folding each event as it is copied. The SQLite file is only read. Run it
 * again to copy what the SQLite log gained since; a PostgreSQL log that is not a beginning of this one is refused.
 * The city (PANTAU_CITY, as the hub reads it) gives the clock kinerja's hours and days are counted on.
 * Then it checks the result: every PostgreSQL projection's rows equal the SQLite store's, field by field (exit 1 on
 * a difference; --skip-check to leave it out). The SQLite projections are what `npm run rebuild` checks.
 * The hub itself does not run on PostgreSQL yet.
 */
const USAGE = 'usage: npm run migrate:pg -- <sqlite file> [--url postgres://user:password@host/db] (or PANTAU_DATABASE_URL) [--batch 1000] [--skip-check]';
const { values, positionals } = parseArgs({
  options: { url: { type: 'string' }, batch: { type: 'string', default: '1000' }, 'skip-check': { type: 'boolean', default: false } },
  allowPositionals: true,
});
const file = positionals[0];
const url = values.url ?? process.env.PANTAU_DATABASE_URL;
const batch = Number(values.batch);
if (!file || !url || positionals.length > 1 || !Number.isInteger(batch) || batch < 1) {
  console.error(USAGE);
  process.exit(2);
}
if (!existsSync(file)) {
  console.error(`migrate:pg: no SQLite store at ${file}`);
  process.exit(2);
}

const sqlite = openDbReadOnly(file);
// One city of an installation of several (the one PANTAU_CITY names) goes into its own schema.
const city = oneCityConfig(loadConfig(process.env));
const pg = await openPgStore(url, { schema: city.databaseSchema });
try {
  const clock = loadCity(city.city).clock;
  const projector = new PgProjector(pg.events, pgProjections(clock));
  const t0 = performance.now();
  let shown = t0;
  const result = await replayIntoPg(new EventLog(sqlite), pg, projector, {
    batch,
    onProgress: ({ seq, head }) => {
      if (performance.now() - shown < 2000) return;
      shown = performance.now();
      console.log(`migrate:pg: seq ${seq} of ${head}`);
    },
  });
  const s = (performance.now() - t0) / 1000;
  const rate = result.copied && s > 0 ? `, ${Math.round(result.copied / s).toLocaleString('en')} events/s` : '';
  console.log(
    result.copied
      ? `migrate:pg: copied ${result.copied} events (seq ${result.from + 1}–${result.head}) in ${s.toFixed(1)} s${rate}; the PostgreSQL log is at seq ${result.head}`
      : `migrate:pg: nothing to copy, the PostgreSQL log already holds the SQLite log up to seq ${result.head} (checked event for event in ${s.toFixed(1)} s)`,
  );
  console.log(`migrate:pg: copied the sources (addresses, credentials) of ${await copyCameraSources(sqlite, pg)} cameras`);
  const rows = await copyOperationalRows(sqlite, pg);
  console.log(`migrate:pg: copied ${rows.tickets} ticket counters, ${rows.media} photos of the media index, ${rows.clientCommands} client ids of applied commands, ${rows.outbox} outbox messages, ${rows.displays} paired displays, ${rows.sessions} sessions`);
  // Named from the SQLite projector itself (an empty store in memory), so the list cannot fall behind it.
  const sqliteProjections = new Store(openDb(':memory:'));
  const ported = new Set(projector.projections.map((p) => p.name));
  const missing = sqliteProjections.projector.projections.map((p) => p.name).filter((n) => !ported.has(n));
  sqliteProjections.close();
  console.log(`migrate:pg: projections filled on PostgreSQL: ${[...ported].join(', ')}`);
  if (missing.length) console.log(`migrate:pg: not yet on PostgreSQL (their events are copied, the tables are not filled): ${missing.join(', ')}`);
  if (!values['skip-check']) process.exitCode = await check(projector, result.head, clock);
} catch (e) {
  if (!(e instanceof DivergedLogError)) throw e;
  console.error(`migrate:pg: ${e.message}`);
  process.exitCode = 1;
} finally {
  await pg.close();
  sqlite.close();
}

/** Compares the PostgreSQL projections with the SQLite store's, when the SQLite log is still where the copy ended. */
async function check(projector: PgProjector, head: number, clock: CityClock): Promise<number> {
  const t0 = performance.now();
  // One read transaction on this connection: the SQLite rows compared and the head they stand at agree.
  sqlite.exec('BEGIN');
  let result: { rows: number; differences: PgDifference[] };
  try {
    const now = new EventLog(sqlite).headSeq();
    if (now !== head) {
      console.log(`migrate:pg: not checked: the SQLite log went on to seq ${now} during the copy (a hub is running on it); stop it and run again`);
      return 0;
    }
    result = await pgDifferences(readOnlyProjections(sqlite, clock), projector.projections, pg.pool);
  } finally {
    sqlite.exec('COMMIT');
  }
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  const { rows, differences } = result;
  if (!differences.length) {
    console.log(`migrate:pg: checked ${rows} rows of ${projector.projections.length} projections against SQLite's in ${s} s: no difference`);
    return 0;
  }
  const per = new Map<string, number>();
  for (const d of differences) per.set(d.projection, (per.get(d.projection) ?? 0) + 1);
  console.error(`migrate:pg: ${differences.length} rows differ from SQLite's (${[...per].map(([p, n]) => `${p} ${n}`).join(', ')}); the first:`);
  for (const d of differences.slice(0, 10)) {
    if (!d.sqlite || !d.pg) {
      console.error(`  ${d.projection} ${d.key}: ${d.sqlite ? 'missing on PostgreSQL' : 'only on PostgreSQL'}`);
      continue;
    }
    // As npm run rebuild shows a difference: the fields that differ, each as both stores hold it.
    for (const k of d.fields) console.error(`  ${d.projection} ${d.key} ${k}: SQLite ${JSON.stringify(d.sqlite[k])} · PostgreSQL ${JSON.stringify(d.pg[k])}`);
  }
  return 1;
}
