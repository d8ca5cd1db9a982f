import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { loadConfig } from '../server/config.js';
import { oneCityConfig } from '../server/installation.js';
import { Store } from '../server/store/index.js';
import { rebuild } from '../server/store/rebuild.js';
import { loadCity } from '../server/profile/load.js';
import { openPgStore } from '../server/store/pg/index.js';
import { rebuildPg } from '../server/store/pg/rebuild.js';

/**
 * npm run rebuild [-- --db data/pantau.sqlite] [-- --write]
 * With PANTAU_DATABASE_URL (and no --db): the PostgreSQL store's log folded and its projections compared
 * (server/store/pg/rebuild.ts); --write is SQLite's alone.
 * Folds the whole event log into fresh projections and compares them with the live ones; prints every difference
 * and exits 1 when there is any. --write replaces each differing report row with its fold (e.g. the columns
 * migration 006 added without a backfill), then checks again.
 */
const { values } = parseArgs({ options: { db: { type: 'string' }, write: { type: 'boolean', default: false }, show: { type: 'string', default: '20' } } });
// One city of an installation of several: the one PANTAU_CITY names, in its own folder and schema.
const config = oneCityConfig(loadConfig(process.env));
if (config.databaseUrl && !values.db) {
  if (values.write) {
    console.error('rebuild --write works on the SQLite file only; on PostgreSQL it compares');
    process.exit(2);
  }
  const pg = await openPgStore(config.databaseUrl, { schema: config.databaseSchema });
  try {
    const t0 = performance.now();
    const { events, differences } = await rebuildPg(pg, loadCity(config.city).clock);
    console.log(`rebuild (PostgreSQL): folded ${events} events in ${Math.round(performance.now() - t0)} ms; ${differences.length} differences`);
    for (const d of differences.slice(0, Number(values.show))) console.log(`  ${d.projection} ${d.key}: ${d.fields.join(', ') || (d.pg ? 'not in the fold' : 'missing')}`);
    process.exitCode = differences.length ? 1 : 0;
  } finally {
    await pg.close();
  }
  process.exit(process.exitCode);
}
const file = values.db ?? config.dbFile;
if (!existsSync(file)) {
  console.error(`no store at ${file}`);
  process.exit(2);
}
// The city's clock: its days are where the replay checkpoints fall (PANTAU_CITY, as the hub reads it).
const store = Store.open(file, { clock: loadCity(config.city).clock });
try {
  const t0 = performance.now();
  const first = rebuild(store, { write: values.write });
  const result = values.write ? { ...rebuild(store), written: first.written } : first;
  const ms = Math.round(performance.now() - t0);
  if (values.write) console.log(`rebuild: wrote ${first.written} report rows from the log`);
  const byProjection = new Map<string, number>();
  for (const d of result.differences) byProjection.set(d.projection, (byProjection.get(d.projection) ?? 0) + 1);
  console.log(`rebuild: folded ${result.events} events in ${ms} ms; ${result.differences.length} differences${byProjection.size ? ' (' + [...byProjection].map(([p, n]) => `${p} ${n}`).join(', ') + ')' : ''}`);
  for (const d of result.differences.slice(0, Number(values.show))) {
    console.log(`  ${d.projection} ${d.key}`);
    const live = (d.live ?? {}) as Record<string, unknown>;
    const rebuilt = (d.rebuilt ?? {}) as Record<string, unknown>;
    for (const k of new Set([...Object.keys(live), ...Object.keys(rebuilt)]))
      if (JSON.stringify(live[k]) !== JSON.stringify(rebuilt[k])) console.log(`    ${k}: live ${JSON.stringify(live[k])} · log ${JSON.stringify(rebuilt[k])}`);
  }
  process.exitCode = result.differences.length ? 1 : 0;
} finally {
  store.close();
}
