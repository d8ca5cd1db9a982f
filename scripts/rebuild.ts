import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { loadConfig } from '../server/config.js';
import { Store } from '../server/store/index.js';
import { rebuild } from '../server/store/rebuild.js';
import { loadCity } from '../server/profile/load.js';

/**
 * npm run rebuild [-- --db data/pantau.sqlite] [-- --write]
 * Folds the whole event log into fresh projections and compares them with the live ones; prints every difference
 * and exits 1 when there is any. --write replaces each differing report row with its fold (e.g. the columns
 * migration 006 added without a backfill), then checks again.
 */
const { values } = parseArgs({ options: { db: { type: 'string' }, write: { type: 'boolean', default: false }, show: { type: 'string', default: '20' } } });
const config = loadConfig(process.env);
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
